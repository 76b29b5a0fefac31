"""Problem details (RFC 9457): the one shape of every error the JSON API answers with."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from immportal.domain.catalogue import shown
from immportal.i18n import N_, _

PROBLEM_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:immportal:problem:"

# status -> (type slug, title). The title depends on nothing but the status and the
# language: a client may show it, and another applicant's case must read exactly like a
# case that does not exist.
KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", N_("The request could not be read")),
    401: ("sign-in-required", N_("Sign in first")),
    403: ("forbidden", N_("The request came from elsewhere or without the CSRF token")),
    404: ("not-found", N_("Not found")),
    405: ("method-not-allowed", N_("Method not allowed")),
    409: ("conflict", N_("The request conflicts with the case as it is now")),
    413: ("too-large", N_("The request body is too large")),
    415: ("unsupported-media-type", N_("Send the body as application/json")),
    422: ("invalid", N_("Some values need correcting")),
    429: ("too-many-requests", N_("Too many requests")),
    500: ("internal", N_("Something went wrong on our side")),
    503: ("unavailable", N_("The service is unavailable for a moment")),
}
DETAILS = {
    401: N_(
        "Sign in on the portal (the API uses the same session cookie), or send a personal"
        " access token as Authorization: Bearer."
    ),
    403: N_("Send the session's CSRF token in the X-CSRF-Token header, from the portal's origin."),
    404: N_("There is nothing here for you. Check the address and the id."),
    422: N_("Correct the values named in errors, then send the request again."),
    500: N_("The error was logged. Try again later."),
    503: N_("Try again in a few minutes."),
}


class Problem(BaseModel):
    """A problem details object, with a message per field when values were refused."""

    model_config = ConfigDict(frozen=True)

    type: str = Field(description="A URI naming the kind of problem.")
    title: str = Field(description="A short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What happened in this case, and what to do.")
    errors: dict[str, str] | None = Field(
        default=None,
        description="One plain message per refused field, by field name "
        "(nested fields joined with dots).",
    )


class ApiProblem(Exception):
    """Raised by API handlers; the API middleware answers with the problem it carries."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        errors: dict[str, str] | None = None,
        kind: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or status)
        self.problem = problem(status, detail, errors=errors, kind=kind)
        self.headers = headers or {}


def problem(
    status: int,
    detail: str | None = None,
    *,
    errors: dict[str, str] | None = None,
    kind: str | None = None,
) -> Problem:
    """The problem of a status, with its standard detail unless one is given, in the
    request's language (the API speaks the language of Accept-Language)."""
    slug, title = KINDS.get(status, ("error", N_("The request failed")))
    return Problem(
        type=TYPE_PREFIX + (kind or slug),
        title=_(title),
        status=status,
        detail=shown(detail or DETAILS.get(status, title)),
        errors={name: shown(text) for name, text in errors.items()} if errors else None,
    )
