"""The catalogue: every form the portal files, by form type."""

from __future__ import annotations

from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import i90, i130, i765, n400
from immportal.domain.catalogue.model import Form

FORMS: dict[FormType, Form] = {
    form.form_type: form for form in (i90.FORM, i765.FORM, i130.FORM, n400.FORM)
}


def form_for(form: Form | FormType | str) -> Form:
    """The catalogue's form for a form type (or its number, such as "I-90")."""
    if isinstance(form, Form):
        return form
    return FORMS[FormType(form)]
