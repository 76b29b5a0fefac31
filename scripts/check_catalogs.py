"""Fail when a translation catalog is stale or incomplete (run by `make test`).

- `messages.pot` must hold exactly what the sources mark today (extracted as `make messages`
  does): a message marked in code but missing from the template is a string nobody can
  translate; one left in the template after its code went away is clutter for translators.
- Every complete language's `.po` (Spanish; `COMPLETE`) must have the template's messages,
  each translated, none fuzzy, with the same placeholders as the English.
- Other catalogs (Arabic, partial in development) must not be stale or carry broken
  placeholders, but may leave messages untranslated.

Usage: python scripts/check_catalogs.py [--root DIR]
"""

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from immportal.i18n.catalogs import ONE_AND_OTHER

COMPLETE = ("es",)
"""Languages that must be complete; others may be partial."""
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "N_": None,
}
"""Babel's default keywords plus `N_` (Makefile's `-k N_`)."""

Key = tuple[str, str]


def _key(message: Message) -> Key:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return (message.context or "", msgid)


def extracted(root: Path) -> set[Key]:
    """What the sources mark for translation today, as `pybabel extract -F babel.cfg`."""
    with (root / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    keys: set[Key] = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS
    ):
        msgid = message if isinstance(message, str) else message[0]
        keys.add((context or "", msgid))
    return keys


def read(path: Path) -> Catalog:
    """A .po or .pot file."""
    with path.open("rb") as file:
        return read_po(file)


def keys(catalog: Catalog) -> set[Key]:
    """The catalog's messages, without its header."""
    return {_key(message) for message in catalog if message.id}


def _describe(found: Iterable[Key]) -> list[str]:
    return [
        f"    {context + ' | ' if context else ''}{msgid!r}" for context, msgid in sorted(found)
    ]


def problems(root: Path) -> list[str]:
    """Everything wrong with the catalogs under `root`; empty when all is well."""
    locale_dir = root / "src" / "immportal" / "locale"
    found: list[str] = []
    template = read(locale_dir / "messages.pot")
    wanted, have = extracted(root), keys(template)
    if missing := wanted - have:
        found += ["messages.pot lacks messages the sources mark (run make messages):"]
        found += _describe(missing)
    if extra := have - wanted:
        found += ["messages.pot has messages no source marks any more (run make messages):"]
        found += _describe(extra)
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/messages.po")):
        code = po.parent.parent.name
        catalog = read(po)
        if stale := (have ^ keys(catalog)):
            found += [f"{code}: differs from messages.pot (run make messages):"]
            found += _describe(stale)
        for message in catalog:
            if not message.id:
                continue
            where = f"{code}: {_key(message)[1]!r}"
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                found.append(f"{where} is marked fuzzy: check it and remove the flag")
            elif code in COMPLETE and not all(strings[:2] if code in ONE_AND_OTHER else strings):
                found.append(f"{where} is not translated")
            if any(strings):
                found += [f"{where}: {error}" for error in message.check(catalog)]
    return found


def main() -> int:
    """Print what is wrong; exit 1 if anything is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    found = problems(parser.parse_args().root)
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        print("catalogs: up to date, Spanish complete")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
