"""Connections and pools, with driver errors translated into the portal's own."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg

from immportal.errors import DatabaseUnavailable

# Errors that mean "the server is not there" rather than "the statement is wrong".
_UNAVAILABLE: tuple[type[BaseException], ...] = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
)


def is_unavailable(exc: BaseException) -> bool:
    """Whether a driver error means the server cannot be reached."""
    return isinstance(exc, _UNAVAILABLE)


@contextmanager
def map_db_errors() -> Iterator[None]:
    """Re-raise connection-level driver errors as DatabaseUnavailable."""
    try:
        yield
    except DatabaseUnavailable:
        raise
    except _UNAVAILABLE as exc:
        raise DatabaseUnavailable(str(exc) or type(exc).__name__) from exc


def _server_settings(role: str | None) -> dict[str, str]:
    settings = {
        "application_name": "immportal",
        # A client that vanished (network cut, killed host) must not keep its locks
        # for the hours the operating system's keepalive defaults would allow.
        "tcp_keepalives_idle": "30",
        "tcp_keepalives_interval": "10",
        "tcp_keepalives_count": "3",
        "idle_in_transaction_session_timeout": "60s",
    }
    if role:
        # A startup parameter, so the pool's RESET ALL returns to it instead of the login role.
        settings["role"] = role
    return settings


async def connect(
    dsn: str, *, role: str | None = None, command_timeout: float | None = None
) -> asyncpg.Connection:
    """Open one dedicated connection (writer, leader locks, LISTEN, migrations)."""
    with map_db_errors():
        return await asyncpg.connect(
            dsn,
            server_settings=_server_settings(role),
            timeout=10,
            command_timeout=command_timeout,
        )


async def _reset(conn: asyncpg.Connection) -> None:
    # Pool connections keep no session state (locks and LISTEN use dedicated
    # connections), so a release only has to end an abandoned transaction; the
    # default reset costs a round trip on every release.
    if conn.is_in_transaction():
        await conn.execute("ROLLBACK")


async def create_pool(
    dsn: str, *, role: str | None = None, size: int = 10, command_timeout: float = 15
) -> asyncpg.Pool:
    """Open a pool of connections that act as the application's role."""
    with map_db_errors():
        pool = await asyncpg.create_pool(
            dsn,
            min_size=1,
            max_size=size,
            server_settings=_server_settings(role),
            timeout=10,
            command_timeout=command_timeout,
            reset=_reset,
        )
    assert pool is not None
    return pool
