"""The pseudo-language: every extracted message accented, lengthened and bracketed.

Built in memory from `messages.pot`, so a page rendered in it shows at a glance any text
that never went through the catalog (still plain English), any layout that breaks when
words grow by a third, and any character the fonts lack. Placeholders (`%(name)s`, `%%`),
HTML tags and entities are kept as they are, so the message still fills in and renders.
"""

import gettext
import re
from pathlib import Path

from babel.messages.pofile import read_po

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçδéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀßÇÐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# What must survive untouched: placeholders, markup, entities, and Jinja2 variables.
_KEEP = re.compile(r"%\([^)]*\)[#0 +\-]*\d*(?:\.\d+)?[sdifr%]|%%|<[^>]*>|&[#\w]+;|\{\{.*?\}\}")
OPEN, CLOSE = "⟦", "⟧"


def pseudo_text(message: str) -> str:
    """`message` accented and lengthened by about a third, kept parts unchanged, in ⟦ ⟧."""
    if not message:
        return message
    parts: list[str] = []
    position = 0
    letters = 0
    for match in _KEEP.finditer(message):
        text = message[position : match.start()]
        parts.append(text.translate(_ACCENTED))
        letters += sum(char.isalpha() for char in text)
        parts.append(match.group(0))
        position = match.end()
    tail = message[position:]
    parts.append(tail.translate(_ACCENTED))
    letters += sum(char.isalpha() for char in tail)
    padding = "~" * max(1, letters // 3)
    return f"{OPEN}{''.join(parts)}{padding}{CLOSE}"


class PseudoTranslations(gettext.NullTranslations):
    """Translates exactly the messages of the template catalog; anything else stays English."""

    def __init__(self, singular: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self._messages = singular

    def gettext(self, message: str) -> str:
        """The pseudo form of an extracted `message`, else `message` itself."""
        return self._messages.get(("", message), message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The pseudo singular or plural of an extracted pair."""
        return self.gettext(msgid1) if n == 1 else self.gettext(msgid2)

    def pgettext(self, context: str, message: str) -> str:
        """The pseudo form of an extracted `message` in `context`."""
        return self._messages.get((context, message), message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        """The pseudo singular or plural of an extracted pair in `context`."""
        return self.pgettext(context, msgid1 if n == 1 else msgid2)


def pseudo_translations(template: Path) -> PseudoTranslations:
    """The pseudo-language's catalog, made from the extracted template `template`."""
    messages: dict[tuple[str, str], str] = {}
    try:
        with template.open("rb") as file:
            catalog = read_po(file)
    except FileNotFoundError:
        return PseudoTranslations(messages)
    for message in catalog:
        if not message.id:
            continue
        context = message.context or ""
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        for msgid in ids:
            messages[(context, msgid)] = pseudo_text(msgid)
    return PseudoTranslations(messages)
