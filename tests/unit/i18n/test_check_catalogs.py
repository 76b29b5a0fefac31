"""scripts/check_catalogs.py finds stale templates, untranslated, fuzzy and broken messages."""

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parents[3]


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_catalogs", ROOT / "scripts" / "check_catalogs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECK = _checker()


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A project with one template marking two messages, and matching catalogs."""
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    pages = tmp_path / "src" / "immportal" / "web" / "templates"
    pages.mkdir(parents=True)
    (pages / "page.html").write_text(
        '<p>{{ _("Hello") }}</p><p>{{ _("Pay %(amount)s", amount=fee) }}</p>', encoding="utf-8"
    )
    locale = tmp_path / "src" / "immportal" / "locale"
    template = Catalog()
    template.add("Hello")
    template.add("Pay %(amount)s", flags=["python-format"])
    _write(locale / "messages.pot", template)
    spanish = Catalog(locale="es")
    spanish.add("Hello", "Hola")
    spanish.add("Pay %(amount)s", "Pague %(amount)s", flags=["python-format"])
    _write(locale / "es" / "LC_MESSAGES" / "messages.po", spanish)
    return tmp_path


def _spanish(tree: Path, *entries: tuple[str, str, list[str]]) -> None:
    catalog = Catalog(locale="es")
    for msgid, msgstr, flags in entries:
        catalog.add(msgid, msgstr, flags=flags)
    _write(tree / "src" / "immportal" / "locale" / "es" / "LC_MESSAGES" / "messages.po", catalog)


class TestCheckCatalogs:
    """Each way a catalog can go wrong is reported; a good one passes."""

    def test_up_to_date(self, tree: Path) -> None:
        """Template and Spanish match the sources: nothing to report."""
        assert [] == CHECK.problems(tree)

    def test_new_message_in_the_sources(self, tree: Path) -> None:
        """A message marked in a template but not extracted makes the template stale."""
        page = tree / "src" / "immportal" / "web" / "templates" / "page.html"
        page.write_text(page.read_text(encoding="utf-8") + '{{ _("Goodbye") }}', encoding="utf-8")
        found = CHECK.problems(tree)
        assert found[0].startswith("messages.pot lacks")
        assert "    'Goodbye'" in found

    def test_untranslated_and_fuzzy(self, tree: Path) -> None:
        """Spanish with an empty and a fuzzy translation fails on both."""
        _spanish(tree, ("Hello", "", []), ("Pay %(amount)s", "Pague %(amount)s", ["fuzzy"]))
        found = CHECK.problems(tree)
        assert "es: 'Hello' is not translated" in found
        assert "es: 'Pay %(amount)s' is marked fuzzy: check it and remove the flag" in found

    def test_broken_placeholder(self, tree: Path) -> None:
        """A translation that renames a placeholder is reported."""
        _spanish(
            tree, ("Hello", "Hola", []), ("Pay %(amount)s", "Pague %(monto)s", ["python-format"])
        )
        assert any("'Pay %(amount)s':" in line for line in CHECK.problems(tree))
