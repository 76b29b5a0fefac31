"""`_()`, `ngettext()`, `pgettext()` in the current language, and `N_()` to mark for later."""

from immportal.i18n.catalogs import translations
from immportal.i18n.context import current_language


def _interpolate(text: str, variables: dict[str, object]) -> str:
    if not variables:
        return text
    try:
        return text % variables
    except (KeyError, ValueError, TypeError):
        # A translation that names a placeholder the source lacks must not break the page;
        # the catalog check catches it before release.
        return text


def _(message: str, /, **variables: object) -> str:
    """`message` in the current language, with `%(name)s` placeholders filled from `variables`."""
    return _interpolate(translations(current_language()).gettext(message), variables)


def ngettext(singular: str, plural: str, num: int, /, **variables: object) -> str:
    """The singular or plural form for `num` in the current language; `%(num)d` is `num`."""
    text = translations(current_language()).ngettext(singular, plural, num)
    return _interpolate(text, {"num": num, **variables})


def pgettext(context: str, message: str, /, **variables: object) -> str:
    """`message` in the current language, told apart from the same words by `context`."""
    return _interpolate(translations(current_language()).pgettext(context, message), variables)


def npgettext(context: str, singular: str, plural: str, num: int, /, **variables: object) -> str:
    """`ngettext` with a disambiguating `context`."""
    text = translations(current_language()).npgettext(context, singular, plural, num)
    return _interpolate(text, {"num": num, **variables})


def N_(message: str, /) -> str:
    """Mark `message` for extraction only; translate it where shown with `_(message)`."""
    return message
