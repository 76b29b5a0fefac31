"""Build the aiohttp application: templates, middlewares, routes, static files."""

from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from immportal.domain.cases.offices import office_label
from immportal.settings import Settings
from immportal.web.about import add_about_routes
from immportal.web.account_language import account_language, add_account_language_routes
from immportal.web.admin import add_admin_routes
from immportal.web.analytics import add_analytics_routes
from immportal.web.api import add_api_routes, api_bearer, api_problems, api_sign_in
from immportal.web.applicant import add_applicant_routes
from immportal.web.apply import add_apply_routes
from immportal.web.appointments import add_appointment_routes
from immportal.web.audit import add_audit_routes
from immportal.web.correspondence import add_correspondence_routes
from immportal.web.csrf import csrf_protect
from immportal.web.documents import add_document_routes
from immportal.web.health import healthz, readyz
from immportal.web.idempotency import idempotent_commands
from immportal.web.identity import add_identity_routes
from immportal.web.identity.address import add_routes as add_address_routes
from immportal.web.identity.headers import account_nav, token_referrer_policy
from immportal.web.identity.sessions_page import idle_limit
from immportal.web.identity_reset import add_reset_routes
from immportal.web.language import add_language_routes, choose_language, install_translations
from immportal.web.middlewares import (
    error_pages,
    prepared_headers,
    request_context,
    security_headers,
)
from immportal.web.notices import add_notice_routes
from immportal.web.officer import add_officer_routes
from immportal.web.payments import add_payment_routes
from immportal.web.person_zone import person_zone_middleware
from immportal.web.policy import PUBLIC, allow, authorize
from immportal.web.processing_times import add_processing_times_routes
from immportal.web.query_checks import refuse_bad_queries
from immportal.web.rendering import (
    format_date,
    format_datetime,
    format_money,
    format_number,
    render,
)
from immportal.web.request_metrics import request_metrics
from immportal.web.sessions import sessions
from immportal.web.sharing import add_sharing_routes
from immportal.web.staff import add_staff_routes
from immportal.web.status_lookup import add_status_lookup_routes
from immportal.web.transparency import add_transparency_routes
from immportal.web.verify_document import add_verify_routes

HERE = Path(__file__).parent


@allow(PUBLIC)
async def home(request: web.Request) -> web.Response:
    """The front page."""
    return render("home.html", request, {"title": "Welcome"})


def build_web_app(settings: Settings) -> web.Application:
    """The application without its resources (those come from the composition root)."""
    app = web.Application(
        # Outermost first. error_pages wraps sessions and CSRF so that their refusals and
        # database failures still become pages; CSRF runs before any handler.
        middlewares=[
            request_metrics,
            request_context,
            # Before error_pages, so that error pages are in the person's language too.
            choose_language,
            token_referrer_policy,
            security_headers,
            error_pages,
            # The JSON API answers its errors as problem+json, and 401 rather than the
            # sign-in page; both only act on /api/v1/ paths.
            api_problems,
            # Before anything reads the query: a NUL in it is a 400, never a 500.
            refuse_bad_queries,
            sessions,
            # After sessions: an API request may instead carry a personal access token.
            api_bearer,
            # After sessions: a signed-in person's own choice beats the cookie and browser.
            account_language,
            person_zone_middleware,
            account_nav,
            idle_limit,
            api_sign_in,
            csrf_protect,
            authorize,
            # Innermost: only an authorized, token-checked command is remembered or replayed.
            idempotent_commands,
        ],
        client_max_size=1024**2,
    )
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(default=True),
    )
    install_translations(env, settings.enabled_languages)
    env.filters["datetime"] = format_datetime
    env.filters["date"] = format_date
    env.filters["money"] = format_money
    env.filters["number"] = format_number
    env.filters["office"] = office_label
    app.router.add_get("/", home)
    add_about_routes(app)
    add_language_routes(app)
    add_account_language_routes(app)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    add_identity_routes(app)
    add_address_routes(app)
    add_reset_routes(app)
    add_admin_routes(app)
    add_applicant_routes(app)
    add_document_routes(app)
    add_notice_routes(app)
    add_apply_routes(app)
    add_payment_routes(app)
    add_audit_routes(app)
    add_appointment_routes(app)
    add_staff_routes(app)
    add_officer_routes(app)
    add_correspondence_routes(app)
    add_processing_times_routes(app)
    add_status_lookup_routes(app)
    add_analytics_routes(app)
    add_transparency_routes(app)
    add_verify_routes(app)
    add_sharing_routes(app)
    add_api_routes(app)
    app.router.add_static("/static/", HERE / "static", follow_symlinks=False)
    app.on_response_prepare.append(prepared_headers)
    return app
