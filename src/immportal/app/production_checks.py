"""Safe production defaults: no stand-in where a real service is needed, unless opted out.

Outside development mode a missing payment provider would take cases with no money
taken, a missing scanner would hand unchecked files to staff, and a missing mail
server would leave reset and enrolment links in files on the web server. Each is
refused at start with what to set; each has an explicit opt-out, logged as a warning
at every start so that it cannot be forgotten.
"""

from dataclasses import dataclass

import asyncpg
import structlog

from immportal.errors import PortalError
from immportal.settings import Settings

log = structlog.get_logger(__name__)


class ProductionDefaultsProblem(PortalError):
    """A real service is missing outside development mode and its opt-out is not set."""


@dataclass(frozen=True)
class _Need:
    """One real service production needs: whether it is set, and how to opt out."""

    service: str
    configured: bool
    opted_out: bool
    missing: str
    opt_out: str
    event: str


def _needs(settings: Settings) -> list[_Need]:
    return [
        _Need(
            "payments",
            settings.payments_url is not None,
            settings.allow_sandbox_payments,
            "IMMPORTAL_PAYMENTS_URL is not set: the sandbox provider would accept test cards "
            "and file cases with no money taken.",
            "IMMPORTAL_ALLOW_SANDBOX_PAYMENTS=true",
            "production_sandbox_payments",
        ),
        _Need(
            "scanner",
            bool(settings.clamd_address),
            settings.allow_unscanned_uploads,
            "IMMPORTAL_CLAMD_ADDRESS is not set: uploaded files would reach staff without a "
            "virus scan.",
            "IMMPORTAL_ALLOW_UNSCANNED_UPLOADS=true",
            "production_unscanned_uploads",
        ),
        _Need(
            "mail",
            settings.smtp_host is not None,
            settings.allow_local_mailbox,
            "IMMPORTAL_SMTP_HOST is not set: emails, with their reset and enrolment links, "
            "would be written to files on this server and never sent.",
            "IMMPORTAL_ALLOW_LOCAL_MAILBOX=true",
            "production_local_mailbox",
        ),
    ]


ALL_SERVICES = frozenset({"payments", "scanner", "mail"})
"""What `serve` needs; the notification worker needs only "mail"."""


def check_production_services(settings: Settings, services: frozenset[str] = ALL_SERVICES) -> None:
    """Refuse to run without payments, a scanner and SMTP outside development mode.

    Raises ProductionDefaultsProblem naming every missing service (of `services`) and
    its opt-out; logs a warning for each opt-out in use.
    """
    if settings.dev:
        return
    refused = []
    for need in _needs(settings):
        if need.service not in services or need.configured:
            continue
        if need.opted_out:
            log.warning(need.event, reason=need.missing, opted_out_with=need.opt_out)
        else:
            refused.append(f"{need.missing} Set it, or set {need.opt_out} to run without it.")
    if refused:
        raise ProductionDefaultsProblem("\n".join(refused))


_LOGIN_ROLE = """
SELECT r.rolsuper AS superuser,
       coalesce(pg_has_role(session_user, t.tableowner, 'MEMBER'), false) AS owner
FROM pg_roles r
LEFT JOIN pg_tables t ON t.schemaname = 'public' AND t.tablename = 'events'
WHERE r.rolname = session_user
"""


async def warn_about_login_role(pool: asyncpg.Pool) -> None:
    """Warn when the database login role could get past the append-only grant on events.

    A superuser, or a role that owns the events table (or may become its owner with
    SET ROLE), can update and delete events whatever the application role may do.
    """
    async with pool.acquire() as conn:
        row = await conn.fetchrow(_LOGIN_ROLE)
    if row is None:
        return
    if row["superuser"]:
        log.warning(
            "database_login_is_superuser",
            advice="log in as a NOINHERIT role that is only a member of the app role",
        )
    elif row["owner"]:
        log.warning(
            "database_login_owns_events",
            advice="log in as a NOINHERIT role that is only a member of the app role",
        )
