"""_() and friends translate into the current language; N_() only marks."""

import asyncio

from immportal.i18n import (
    N_,
    PSEUDO_LANGUAGE,
    _,
    babel_locale,
    current_language,
    language,
    ngettext,
    use_language,
)
from immportal.i18n.catalogs import LOCALE_DIR, translations
from immportal.i18n.pseudo import pseudo_text


class TestTranslate:
    """The current language decides the words."""

    def test_english_by_default(self) -> None:
        """Outside any language block, English (the source) comes back unchanged."""
        assert "en" == current_language()
        assert "Sign in" == _("Sign in")

    def test_spanish_from_the_compiled_catalog(self) -> None:
        """Within use_language('es') the Spanish catalog answers, and English returns after."""
        assert (LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.mo").exists(), "run make catalogs"
        with use_language("es"):
            inside = _("Sign in")
        assert ("Iniciar sesión", "Sign in") == (inside, _("Sign in"))

    def test_placeholders_fill_in(self) -> None:
        """%(name)s placeholders take keyword arguments; ngettext gets num."""
        assert "Pay $5 now" == _("Pay %(amount)s now", amount="$5")
        assert "3 documents" == ngettext("%(num)d document", "%(num)d documents", 3)
        assert "1 document" == ngettext("%(num)d document", "%(num)d documents", 1)

    def test_bad_placeholder_does_not_raise(self) -> None:
        """A message whose placeholders do not match its values prints as it is."""
        assert "Pay %(amount)s" == _("Pay %(amount)s", total=1)

    def test_marker_returns_its_text(self) -> None:
        """N_() marks for extraction and translates nothing."""
        with use_language("es"):
            assert "Sign in" == N_("Sign in")

    def test_unknown_language_passes_through(self) -> None:
        """A language without a catalog shows English rather than failing."""
        assert "Sign in" == translations("zz").gettext("Sign in")

    def test_each_task_has_its_own_language(self) -> None:
        """Concurrent tasks (requests) never see each other's language."""

        async def speak(code: str) -> str:
            with use_language(code):
                await asyncio.sleep(0.01)
                return _("Sign in")

        async def both() -> list[str]:
            return list(await asyncio.gather(speak("es"), speak("en")))

        assert ["Iniciar sesión", "Sign in"] == asyncio.run(both())


class TestLanguages:
    """What the portal knows of each language."""

    def test_names_directions_tags(self) -> None:
        """Names in the language itself, Arabic right to left, BCP 47 tags with hyphens."""
        assert ("Español", "ltr", "es") == (
            language("es").name,
            language("es").direction,
            language("es").tag,
        )
        assert "rtl" == language("ar").direction
        assert "en-XA" == language(PSEUDO_LANGUAGE).tag

    def test_babel_locale_of_pseudo_is_english(self) -> None:
        """US formats where CLDR has them; the pseudo-language formats as American English."""
        assert ("en_US", "es_US", "ar") == (
            babel_locale(PSEUDO_LANGUAGE),
            babel_locale("es"),
            babel_locale("ar"),
        )


class TestPseudo:
    """The pseudo-language transforms text and keeps what must survive."""

    def test_transforms_and_keeps(self) -> None:
        """Letters accented, placeholders, tags and entities untouched, lengthened, bracketed."""
        result = pseudo_text('Pay %(amount)s <a href="/pay">now</a> &amp; 10%% off')
        assert result.startswith('⟦Þàý %(amount)s <a href="/pay">ñöŵ</a> &amp; 10%% ')
        assert result.endswith("~⟧")
        assert "Pay" not in result

    def test_only_extracted_messages_are_transformed(self) -> None:
        """A string that never reached the catalog stays plain English (the walk spots it)."""
        with use_language(PSEUDO_LANGUAGE):
            assert _("Sign in").startswith("⟦")
            assert "Never extracted anywhere" == _("Never extracted anywhere")


class TestSpanishPlurals:
    """Spanish reads the second form for every count but one, whatever Babel's header says."""

    def test_two_forms(self) -> None:
        """1 is singular; 2 and a million use the translator's plural."""
        rule = translations("es").plural  # type: ignore[attr-defined]
        assert [0, 1, 1, 1] == [rule(n) for n in (1, 0, 2, 1_000_000)]
