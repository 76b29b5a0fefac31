"""What each API route lets a personal access token do: deny unless a scope is named here.

A route missing from the table is refused to every token, so a new operation is closed to
programs until someone decides which scope it belongs to. `ANY_SCOPE` marks routes any
live token may use (who the token belongs to).
"""

from immportal.services.identity.access_tokens import CHANGE_CASES, READ_CASES

ANY_SCOPE = ""

ROUTE_SCOPES: dict[tuple[str, str], str] = {
    ("GET", "/api/v1/session"): ANY_SCOPE,
    ("GET", "/api/v1/cases"): READ_CASES,
    ("GET", "/api/v1/cases/{case_id}"): READ_CASES,
    ("GET", "/api/v1/cases/{case_id}/timeline"): READ_CASES,
    ("GET", "/api/v1/forms"): READ_CASES,
    ("GET", "/api/v1/cases/{case_id}/application"): READ_CASES,
    ("GET", "/api/v1/payments/{payment_id}"): READ_CASES,
    ("GET", "/api/v1/notices"): READ_CASES,
    ("GET", "/api/v1/cases/{case_id}/notices/{notice_id}"): READ_CASES,
    ("GET", "/api/v1/cases/{case_id}/documents"): READ_CASES,
    ("GET", "/api/v1/cases/{case_id}/appointments"): READ_CASES,
    ("GET", "/api/v1/cases/{case_id}/appointments/slots"): READ_CASES,
    ("POST", "/api/v1/cases/{case_id}/address"): CHANGE_CASES,
    ("POST", "/api/v1/applications"): CHANGE_CASES,
    ("PUT", "/api/v1/cases/{case_id}/application/pages/{page_id}"): CHANGE_CASES,
    ("POST", "/api/v1/cases/{case_id}/application/declaration"): CHANGE_CASES,
    ("POST", "/api/v1/cases/{case_id}/payments"): CHANGE_CASES,
    ("POST", "/api/v1/cases/{case_id}/appointments/reschedule"): CHANGE_CASES,
}


def scope_needed(method: str, path: str) -> str | None:
    """The scope a token needs for the route; None if no token may use it."""
    return ROUTE_SCOPES.get((method, path))
