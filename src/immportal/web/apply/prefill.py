"""What a new application starts with: the person's name, date of birth and mailing address.

Given once, asked again nowhere: the account's profile (its name and mailing address) and
the person's last filed application (its name and date of birth, as they filed them) fill
the first pages of a new draft, each checked as its page checks it. The person sees the
answers on those pages and may change them; a value that no longer passes is left out.
"""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from immportal.domain.cases.filed_contact import (
    ADDRESS_KEYS,
    APPLICANT_SECTION,
    CONTACT_SECTION,
    NAME_PARTS,
)
from immportal.domain.cases.forms import FormType
from immportal.domain.catalogue import form_for, validate_page
from immportal.projections.case_files import latest_filed_answers
from immportal.web.portal import Portal
from immportal.web.queries.profiles import read_own_profile

Answers = dict[str, dict[str, Any]]
PREFILLED_PAGES = ("name", "date_of_birth", "mailing_address")
"""The pages a new application may start answered (every form asks them)."""


def split_name(full_name: str) -> dict[str, str]:
    """A one-line name as given, family and middle names: the first word, the last word and
    those between (the person corrects a name that does not split this way)."""
    words = full_name.split()
    if not words:
        return {}
    if len(words) == 1:
        return {"given_name": words[0]}
    return {
        "given_name": words[0],
        "middle_name": " ".join(words[1:-1]),
        "family_name": words[-1],
    }


def _typed(values: Mapping[str, Any]) -> dict[str, str]:
    # Pages check text as typed; saved answers are already clean text (ISO dates, codes).
    return {key: str(value) for key, value in values.items() if value not in (None, "")}


def prefill_answers(
    form_type: FormType,
    *,
    profile_name: str,
    profile_address: Mapping[str, str] | None,
    filed: Mapping[str, Mapping[str, Any]] | None,
) -> Answers:
    """The answers to start a draft with, by section, each page checked as it is asked."""
    earlier_about = dict((filed or {}).get(APPLICANT_SECTION, {}))
    earlier_contact = dict((filed or {}).get(CONTACT_SECTION, {}))
    name = {key: earlier_about.get(key) for key in NAME_PARTS if earlier_about.get(key)}
    address = dict(profile_address or {}) or {
        key: earlier_contact[key] for key in ADDRESS_KEYS if earlier_contact.get(key)
    }
    if address and not address.get("country"):
        address["country"] = "US"  # an address kept before addresses had a country
    typed = {
        "name": name or split_name(profile_name),
        "date_of_birth": {"date_of_birth": earlier_about.get("date_of_birth")},
        "mailing_address": address,
    }
    form = form_for(form_type)
    answers: Answers = {}
    for page_id in PREFILLED_PAGES:
        raw = _typed(typed[page_id])
        if not raw or page_id not in form.by_id:
            continue
        clean, errors = validate_page(form, page_id, raw)
        if errors:
            continue
        section = form.page(page_id).section
        answered = {key: value for key, value in clean.items() if value not in (None, "")}
        answers[section] = {**answers.get(section, {}), **answered}
    return answers


async def prefill_for(portal: Portal, account_id: UUID, form_type: FormType) -> Answers:
    """The answers a new draft of this person on this form starts with."""
    profile = await read_own_profile(portal, account_id)
    filed = await latest_filed_answers(portal.pool, str(account_id))
    return prefill_answers(
        form_type,
        profile_name=" ".join(profile.names),
        profile_address=profile.mailing_address,
        filed=filed,
    )
