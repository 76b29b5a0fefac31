"""Every query string is checked once, before any handler reads it: no 500 from input.

Handlers read `request.query` for small things (a filter, a notice flag, a link's token,
a search). A NUL byte reaches PostgreSQL as text it refuses, and other control or
direction characters have no meaning in any of them; a very long query is refused
before anyone parses it. A refused query gets a plain page (problem+json on the API)
with status 400. The query itself is never logged: it can carry a link's token.
"""

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler

from immportal.domain.hidden_characters import has_hidden_characters
from immportal.web.api.middleware import is_api, problem_response
from immportal.web.api.problems import problem
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

MAX_QUERY_LENGTH = 2048
"""Characters of a raw query string; the portal's longest (an analytics filter) needs far fewer."""
BAD_ADDRESS = "The web address has characters in it that we cannot read."


def query_is_clean(request: web.Request) -> bool:
    """Whether the query string is short and its names and values hold no hidden characters."""
    if len(request.query_string) > MAX_QUERY_LENGTH:
        return False
    return not any(
        has_hidden_characters(name, multiline=False)
        or has_hidden_characters(value, multiline=False)
        for name, value in request.query.items()
    )


@web.middleware
async def refuse_bad_queries(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer 400 to a query that holds control characters or is too long."""
    if not request.query_string or query_is_clean(request):
        return await handler(request)
    log.info("query_refused", method=request.method, path=request.path)
    if is_api(request):
        return problem_response(problem(400, BAD_ADDRESS))
    return render("errors/400.html", request, {}, status=400)
