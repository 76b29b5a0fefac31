"""Translation of the words people read: gettext catalogs through Babel, one language per request.

How to mark a string (English is the source language; the msgid is the English text):

Python, anywhere (domain, services, web, processes)::

    from immportal.i18n import N_, _, ngettext

    title = _("Your cases")                                   # translated now
    hint = _("Pay %(amount)s by %(date)s", amount=fee, date=due)
    line = ngettext("%(num)d document", "%(num)d documents", count, num=count)
    MISSING = N_("This case has no receipt number yet.")      # marked, NOT translated here

- Placeholders are ``%(name)s`` (the gettext and Jinja2 convention; pybabel flags them as
  python-format and translators keep them). Pass values as keyword arguments to ``_()`` /
  ``ngettext()``; never build a message with an f-string, ``+`` or ``.format()`` (the
  translator must see the whole sentence, and word order differs between languages).
  ``ngettext`` always gets ``num`` for the count.
- ``_()`` translates into the *current* language (a context variable the web layer sets per
  request, and mail and notice producers set with ``use_language(code)``). Calling it at import
  time gives English forever: module-level constants, enum labels and domain error messages use
  ``N_()``, which only marks the text for extraction and returns it unchanged; translate the
  value where it is shown, with ``_(value)`` in Python or ``{{ value|translate }}`` in a
  template.
- Short or ambiguous words take a context: ``pgettext("button", "Save")``.
- Names of forms stay English with a Spanish description in the catalog, e.g.
  ``_("Form I-765, Application for Employment Authorization")`` translates to
  "Formulario I-765, Solicitud de Autorización de Empleo".

Templates (Jinja2's i18n extension, new-style gettext, autoescaped)::

    <h1>{{ _("Your cases") }}</h1>
    <p>{{ _("Pay %(amount)s by %(date)s", amount=fee|money, date=due|date) }}</p>
    <p>{{ ngettext("%(num)d document", "%(num)d documents", docs|length) }}</p>
    {% trans name=person.name %}Welcome back, {{ name }}.{% endtrans %}
    <p>{{ case.status_label|translate }}</p>   {# a value marked with N_() elsewhere #}

- In templates every ``_()`` string is %-formatted, so a literal percent sign is ``%%``.
- A template's message is trusted markup and the values passed in are escaped, so keep a
  link inside the sentence it belongs to (translators may move it):
  ``{{ _('Read the <a class="usa-link" href="%(url)s">privacy notice</a>.', url="/privacy") }}``
  or ``{% trans url=url %}Read the <a href="{{ url }}">privacy notice</a>.{% endtrans %}``.
  ``{% trans %}`` blocks are trimmed: line breaks and indentation inside become one space.
- A value translated elsewhere (marked with ``N_()``): ``{{ value|translate }}``, not
  ``{{ _(value) }}`` (which would treat a "%" in it as a placeholder).
- Python's ``_()`` returns plain text, escaped when a template prints it: no markup in
  messages written in Python.

After marking strings run ``make messages`` (extracts ``src/immportal/locale/messages.pot`` and
updates ``es``), translate the new entries in ``src/immportal/locale/es/LC_MESSAGES/messages.po``
(remove any ``#, fuzzy`` flag once checked) and commit both; ``make test`` fails on an
untranslated, fuzzy or stale catalog. Compiled ``.mo`` files are built, never committed.

Spanish: usted, neutral Latin American Spanish, as USCIS writes it.

Dates, times and money are never formatted here: see ``immportal.formatting``, and pass it
``babel_locale()`` for the current language.

Adding a language: a catalog under ``locale/<code>/LC_MESSAGES/`` and the code in the
``IMMPORTAL_LANGUAGES`` setting.
"""

from immportal.i18n.catalogs import translations
from immportal.i18n.context import babel_locale, current_language, set_language, use_language
from immportal.i18n.languages import DEFAULT_LANGUAGE, PSEUDO_LANGUAGE, Language, language
from immportal.i18n.translate import N_, _, ngettext, npgettext, pgettext

__all__ = [
    "DEFAULT_LANGUAGE",
    "N_",
    "PSEUDO_LANGUAGE",
    "Language",
    "_",
    "babel_locale",
    "current_language",
    "language",
    "ngettext",
    "npgettext",
    "pgettext",
    "set_language",
    "translations",
    "use_language",
]
