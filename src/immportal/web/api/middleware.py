"""The JSON API's edge: problem+json instead of pages, 401 instead of the sign-in page.

`api_problems` sits just inside the site's `error_pages` (outside sessions, CSRF and
route policies), so every refusal on an `/api/v1/` path, even a database failure while
loading the session, answers as a problem. `api_sign_in` sits before the CSRF check,
so a request without a signed-in session learns it must sign in (401) rather than
being sent to the sign-in page.
"""

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp.web_urldispatcher import MatchInfoError

from immportal.domain.errors import DomainError
from immportal.errors import ConcurrencyConflict, DatabaseUnavailable, NotFound
from immportal.web.api.problems import PROBLEM_TYPE, ApiProblem, Problem, problem
from immportal.web.csrf import API_PATH_PREFIX, CsrfRefused
from immportal.web.policy import Stage, policy_of
from immportal.web.sessions import current_session

log = structlog.get_logger(__name__)

API_PREFIX = API_PATH_PREFIX
CONFLICT_DETAIL = "The case changed after you read it. Read it again, then retry with its version."


def is_api(request: web.Request) -> bool:
    """Whether the request is for the JSON API."""
    return request.path.startswith(API_PREFIX)


def problem_response(found: Problem, headers: dict[str, str] | None = None) -> web.Response:
    """The problem as an application/problem+json response."""
    return web.Response(
        status=found.status,
        body=found.model_dump_json(exclude_none=True),
        content_type=PROBLEM_TYPE,
        headers=headers,
    )


@web.middleware
async def api_problems(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer every error on an API path with a problem; other paths pass through."""
    if not is_api(request):
        return await handler(request)
    try:
        return await handler(request)
    except ApiProblem as raised:
        headers = dict(raised.headers)
        if raised.problem.status == 401:
            # Both ways in (RFC 9110, 11.6.1): the portal's cookie, or a personal access token.
            headers["WWW-Authenticate"] = 'Cookie realm="immportal", Bearer realm="immportal"'
        return problem_response(raised.problem, headers or None)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise  # a redirect of shared code: let the client follow it
        # A 405 names the methods the route takes (RFC 9110, 15.5.6).
        allow = {"Allow": exc.headers["Allow"]} if "Allow" in exc.headers else None
        return problem_response(problem(exc.status), allow)
    except NotFound:
        # One answer for "no such thing" and "not yours": ids cannot be probed.
        return problem_response(problem(404))
    except CsrfRefused:
        return problem_response(problem(403))
    except ConcurrencyConflict:
        log.info("conflict")
        return problem_response(problem(409, CONFLICT_DETAIL, kind="stale-version"))
    except DomainError as exc:
        log.info("not_allowed", error=type(exc).__name__)
        return problem_response(problem(409, str(exc), kind="not-allowed"))
    except DatabaseUnavailable:
        log.warning("database_unavailable")
        return problem_response(problem(503))
    except Exception:
        log.exception("unhandled_error")
        return problem_response(problem(500))


@web.middleware
async def api_sign_in(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse an API route that needs a signed-in session with 401 when there is none."""
    if not is_api(request) or isinstance(request.match_info, MatchInfoError):
        return await handler(request)
    policy = policy_of(request.match_info.route)
    session = current_session(request)
    needs_sign_in = policy is not None and policy.stage is not Stage.ANYONE
    if needs_sign_in and (session is None or not session.signed_in):
        raise ApiProblem(401)
    return await handler(request)
