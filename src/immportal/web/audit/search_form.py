"""Read the audit search's query string into a filter, or into messages for the person."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode
from uuid import UUID

from multidict import MultiMapping

from immportal.domain.actor import Role
from immportal.domain.cases.receipt import ReceiptNumber
from immportal.domain.errors import InvalidReceiptNumber
from immportal.services.audit.ports import LogCriteria
from immportal.services.audit.search import AuditFilter, event_types

FIELDS = ("actor", "role", "type", "case", "from", "to")
MAX_ACTOR_LENGTH = 200


@dataclass
class SearchForm:
    """What was asked for, what it means, and what was wrong with it."""

    values: dict[str, str]
    search: AuditFilter = field(default_factory=AuditFilter)
    after: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    receipt_number: str | None = None
    """A receipt number typed as the case: found in the read models before searching."""

    def query(self, **extra: str) -> str:
        """The filters (and anything extra) as a query string, for links."""
        kept = {k: v for k, v in self.values.items() if v} | extra
        return urlencode(kept)


def _moment(text: str, *, end_of_day: bool) -> datetime:
    """A date (the whole day) or a date and time; times without a zone are UTC."""
    if len(text) == 10:
        day = date.fromisoformat(text)
        start = datetime.combine(day, time(), tzinfo=UTC)
        return start + timedelta(days=1, microseconds=-1) if end_of_day else start
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_search(query: MultiMapping[str]) -> SearchForm:
    """Check each filter; a bad one is reported, never half-applied."""
    values = {name: query.get(name, "").strip() for name in FIELDS}
    form, errors = SearchForm(values), {}
    actor, role, kind = values["actor"], values["role"], values["type"]
    if len(actor) > MAX_ACTOR_LENGTH:
        errors["actor"] = f"Enter a name, email or id of {MAX_ACTOR_LENGTH} characters or fewer"
    if role and role not in {r.value for r in Role}:
        errors["role"] = "Choose a role from the list"
    types = event_types()
    if kind and kind not in types:
        errors["type"] = "Choose an event type from the list"
    aggregate_id = None
    if values["case"]:
        try:
            aggregate_id = UUID(values["case"])
        except ValueError:
            try:
                form.receipt_number = str(ReceiptNumber.parse(values["case"]))
            except InvalidReceiptNumber:
                errors["case"] = (
                    "Enter a receipt number like IOE2700000042,"
                    " or a case or account id like 3f2b8c1e-0d4a-4f6e-9a57-2c1d0e9b7a64"
                )
    moments: dict[str, datetime | None] = {"from": None, "to": None}
    for name in moments:
        if values[name]:
            try:
                moments[name] = _moment(values[name], end_of_day=name == "to")
            except ValueError:
                errors[name] = (
                    "Enter a date like 2026-03-01, or a date and time like 2026-03-01T14:30"
                )
    since, until = moments["from"], moments["to"]
    if since and until and since > until:
        errors["to"] = "The end of the time range must be after its start"
    raw_after = query.get("after", "0")
    if not raw_after.isdigit() or len(raw_after) > 18:
        errors["after"] = "The page link is not valid: start the search again"
    if errors:
        form.errors = errors
        return form
    criteria = LogCriteria(aggregate_id, (types[kind],) if kind else (), since, until)
    form.search = AuditFilter(criteria, actor or None, role or None)
    form.after = int(raw_after)
    return form
