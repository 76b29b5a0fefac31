"""The composition root: `create_app(settings)` wires the whole portal."""

from collections.abc import AsyncIterator

from aiohttp import web

from immportal.adapters.postgres.idempotent_requests import PostgresIdempotentRequests
from immportal.app.checkpoint_keys import checkpoint_keyring
from immportal.app.cipher_key import cipher_key
from immportal.app.container import RUNTIME, open_runtime
from immportal.app.credential_keys import credential_keyring
from immportal.app.document_signing import signing_identity
from immportal.app.logging_setup import configure_logging
from immportal.app.metrics_server import METRICS_PORT, metrics_listener
from immportal.app.payments import PAYMENTS, payments_ctx
from immportal.app.tracing import start_tracing
from immportal.app.web_services import build_portal
from immportal.app.workers import ALL_KINDS, running, worker_jobs
from immportal.settings import Settings
from immportal.web.app import build_web_app
from immportal.web.idempotency import IDEMPOTENT_REQUESTS
from immportal.web.keys import SETTINGS
from immportal.web.portal import PORTAL


async def portal_ctx(app: web.Application) -> AsyncIterator[None]:
    """Build the pages' ready services once the runtime and the payment provider are open."""
    app[PORTAL] = build_portal(app[RUNTIME], app[PAYMENTS])
    app[IDEMPOTENT_REQUESTS] = PostgresIdempotentRequests(app[RUNTIME].pool)
    yield


def check_keys(settings: Settings) -> None:
    """Raise CipherKeyProblem (SigningKeyProblem) if a key the web process needs is unusable."""
    cipher_key(settings)
    if not settings.dev:
        # In development mode a missing key is made when the runtime opens, not here.
        checkpoint_keyring(settings, signing=settings.run_workers)
        signing_identity(settings)
        credential_keyring(settings)


def create_app(settings: Settings) -> web.Application:
    """Build the aiohttp application; resources open in cleanup_ctx when it starts.

    Raises CipherKeyProblem (SigningKeyProblem) at once, before anything listens, when the
    event cipher key (the checkpoint keys file, the document-signing key and chain, the
    credential keys file) is missing outside development mode or is malformed; with
    workers, the checkpoint key must be able to sign.
    """
    configure_logging(settings.log_level, json=settings.log_json)
    start_tracing("immportal-web")
    check_keys(settings)
    app = build_web_app(settings)
    app[SETTINGS] = settings
    if settings.dev:
        # Development pages come from the development package, never in production.
        from immportal.dev.case_pages import add_dev_routes
        from immportal.dev.mailbox_pages import add_mailbox_routes

        add_dev_routes(app)
        add_mailbox_routes(app, settings.data_dir / "mailbox")

    async def runtime_ctx(app: web.Application) -> AsyncIterator[None]:
        async with open_runtime(settings) as runtime:
            app[RUNTIME] = runtime
            if settings.run_workers:
                async with running(worker_jobs(runtime, ALL_KINDS)):
                    yield
            else:
                yield

    async def metrics_ctx(app: web.Application) -> AsyncIterator[None]:
        async with metrics_listener(settings) as port:
            if port is not None:
                app[METRICS_PORT] = port
            yield

    app.cleanup_ctx.append(metrics_ctx)
    app.cleanup_ctx.append(runtime_ctx)
    app.cleanup_ctx.append(payments_ctx(settings))
    app.cleanup_ctx.append(portal_ctx)
    return app
