"""Per-request extras: the header's account links and the referrer policy of token pages."""

import aiohttp_jinja2
from aiohttp import web
from aiohttp.typedefs import Handler

from immportal.domain.actor import Role
from immportal.web.navigation import PRIMARY_LINKS, SIGNED_OUT_LINKS, NavLink, home_path
from immportal.web.notices.badge import unread_notices
from immportal.web.sessions import current_session

# "strict-origin" rather than "no-referrer": under no-referrer, browsers send
# `Origin: null` with the page's form posts, which the CSRF check must refuse. Both
# keep the token-bearing path and query out of every Referer header.
TOKEN_PAGE_REFERRER_POLICY = "strict-origin"  # noqa: S105 - a header value, not a secret


class AccountNav:
    """The header's links for whoever is signed in (or nobody); read when rendered."""

    __slots__ = ("_request", "unread_notices")

    def __init__(self, request: web.Request) -> None:
        self._request = request
        self.unread_notices = 0
        """Unread notices beside "Inbox" (looked up for pages of applicants and representatives)."""

    @property
    def signed_in(self) -> bool:
        """Whether this request's session has done both sign-in steps."""
        session = current_session(self._request)
        return session is not None and session.signed_in

    @property
    def role(self) -> Role | None:
        """The signed-in person's role, None when nobody finished signing in."""
        session = current_session(self._request)
        return session.role if session is not None and session.signed_in else None

    @property
    def links(self) -> tuple[NavLink, ...]:
        """The primary navigation: the role's own pages, or the public ones."""
        role = self.role
        return SIGNED_OUT_LINKS if role is None else PRIMARY_LINKS.get(role, ())

    @property
    def current(self) -> str:
        """The page's own path and query, to mark its link as the current page."""
        return self._request.path_qs

    @property
    def home(self) -> str:
        """Where the person's work is (the page they land on after signing in)."""
        return home_path(self.role)

    @property
    def is_staff(self) -> bool:
        """Whether a staff member is signed in (pages word errors for them)."""
        return self.role not in (None, Role.APPLICANT, Role.REPRESENTATIVE)

    @property
    def shows_cases(self) -> bool:
        """Whether to link "Your cases": applicants and representatives who signed in."""
        session = current_session(self._request)
        return (
            session is not None
            and session.signed_in
            and session.role in (Role.APPLICANT, Role.REPRESENTATIVE)
        )

    @property
    def shows_workspace(self) -> bool:
        """Whether to link the officer workspace: officers and supervisors who signed in."""
        session = current_session(self._request)
        return (
            session is not None
            and session.signed_in
            and session.role in (Role.OFFICER, Role.SUPERVISOR)
        )


@web.middleware
async def account_nav(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Give every rendered page the header's account links."""
    request.setdefault(aiohttp_jinja2.REQUEST_CONTEXT_KEY, {})
    nav = AccountNav(request)
    nav.unread_notices = await unread_notices(request)
    request[aiohttp_jinja2.REQUEST_CONTEXT_KEY]["account_nav"] = nav
    return await handler(request)


@web.middleware
async def token_referrer_policy(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Keep a link's token out of Referer headers on the pages it opens."""
    # Registered outside security_headers, which sets the site-wide policy first.
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if "token" in request.query:
            exc.headers["Referrer-Policy"] = TOKEN_PAGE_REFERRER_POLICY
        raise
    if "token" in request.query:
        response.headers["Referrer-Policy"] = TOKEN_PAGE_REFERRER_POLICY
    return response
