"""Email bodies from Jinja2 plain-text templates, marked for translation like the pages."""

import jinja2

from immportal.i18n import _, ngettext, npgettext, pgettext


class JinjaMailTexts:
    """Renders `adapters/mail/templates/*.txt` in the current language (set by the sender)."""

    def __init__(self) -> None:
        # Plain text, not HTML: nothing to escape, and a missing value is a bug, not a blank.
        self._env = jinja2.Environment(
            loader=jinja2.PackageLoader("immportal.adapters.mail", "templates"),
            autoescape=False,  # noqa: S701 # plain-text email, never HTML
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self._env.add_extension("jinja2.ext.i18n")
        # Multi-line {% trans %} blocks become one-line messages, as the pages' do.
        self._env.policies["ext.i18n.trimmed"] = True
        self._env.install_gettext_callables(  # type: ignore[attr-defined] # the extension's
            gettext=_, ngettext=ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
        )
        self._env.filters["translate"] = lambda value: _(str(value)) if value else ""

    def render(self, template: str, **values: object) -> str:
        """The body `template` makes of `values`, without a trailing newline."""
        return self._env.get_template(template).render(**values)
