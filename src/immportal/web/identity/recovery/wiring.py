"""The recovery services over the process's pool, store and mailer (cheap to build per use)."""

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.postgres.account_tokens import PostgresTokenStore
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.adapters.postgres.recovery_claims import PostgresRecoveryClaims
from immportal.app.container import Runtime
from immportal.projections.recovery_cases import PostgresCaseFinder
from immportal.services.identity.recovery import AccountRecoveryService
from immportal.services.identity.recovery_admin import RecoveryAdminService
from immportal.services.identity.recovery_book import RecoveryBook
from immportal.services.repository import Repository


def _book(runtime: Runtime) -> RecoveryBook:
    return RecoveryBook(Repository(runtime.store), PostgresRecoveryClaims(runtime.pool))


def recovery_service(runtime: Runtime) -> AccountRecoveryService:
    """A person's own recovery, through emailed links."""
    pool = runtime.pool
    return AccountRecoveryService(
        Repository(runtime.store),
        _book(runtime),
        hasher=Argon2Hasher(),
        links=PostgresTokenStore(pool, RandomTokens()),
        emails=PostgresEmailIndex(pool),
        cases=PostgresCaseFinder(pool),
        mailer=runtime.mailer,
        public_url=runtime.settings.public_url,
    )


def recovery_admin(runtime: Runtime) -> RecoveryAdminService:
    """Administrators' view of open recoveries and their decisions."""
    return RecoveryAdminService(Repository(runtime.store), _book(runtime))
