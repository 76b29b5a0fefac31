"""Logging set-up: our events and every library's records as one stream of redacted JSON lines."""

import logging
import sys
from typing import Protocol

import structlog
from structlog.stdlib import ProcessorFormatter
from structlog.typing import Processor

from immportal.app.log_redaction import redact_secrets

# Libraries that narrate their routine work at INFO or DEBUG (connections, channels,
# selectors, fonts); their warnings and errors still come through.
NOISY_LIBRARIES = (
    "aiohttp",
    "aiobotocore",
    "aio_pika",
    "aiormq",
    "aiosmtplib",
    "asyncio",
    "asyncpg",
    "botocore",
    "eventsourcing",
    "fontTools",
    "PIL",
    "pamqp",
    "pypdf",
)
# Its request lines carry query strings (emailed link tokens); it stays off even in DEBUG.
ACCESS_LOG = "aiohttp.access"


class TextSink(Protocol):
    """Where rendered lines are written."""

    def write(self, text: str, /) -> object:
        """Write one rendered line."""


class _CurrentStderr:
    """sys.stderr as it is at each write, so redirecting it (tests, the CLI) takes effect."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


class _PortalHandler(logging.StreamHandler[TextSink]):
    """The root handler configure_logging installs; its type lets a second call replace it."""


def _renderer(json: bool) -> Processor:
    if json:
        return structlog.processors.JSONRenderer()
    # Tracebacks arrive as text already (format_exc_info runs first, so they are redacted).
    return structlog.dev.ConsoleRenderer(exception_formatter=structlog.dev.plain_traceback)


def _formatter(shared: list[Processor], json: bool) -> ProcessorFormatter:
    return ProcessorFormatter(
        foreign_pre_chain=shared,
        # redact_secrets formats a library record's message again from arguments it cleaned.
        pass_foreign_args=True,
        processors=[
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            redact_secrets,
            ProcessorFormatter.remove_processors_meta,
            _renderer(json),
        ],
    )


def configure_logging(
    level: str = "info", *, json: bool = True, stream: TextSink | None = None
) -> None:
    """Route structlog and the standard library through one redacting formatter; idempotent."""
    threshold = logging.getLevelNamesMapping()[level.upper()]
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared, ProcessorFormatter.wrap_for_formatter],
        # Drops calls below the level before any processor runs, as before.
        wrapper_class=structlog.make_filtering_bound_logger(threshold),
        logger_factory=structlog.stdlib.LoggerFactory(),
        # Module-level loggers must follow a later call (another level, capture_logs).
        cache_logger_on_first_use=False,
    )
    handler = _PortalHandler(stream if stream is not None else _CurrentStderr())
    handler.setFormatter(_formatter(shared, json))
    handler.setLevel(threshold)
    root = logging.getLogger()
    for previous in [h for h in root.handlers if isinstance(h, _PortalHandler)]:
        root.removeHandler(previous)
        previous.close()
    root.addHandler(handler)
    root.setLevel(threshold)
    library_level = logging.NOTSET if threshold <= logging.DEBUG else logging.WARNING
    for name in NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(library_level)
    logging.getLogger(ACCESS_LOG).setLevel(logging.WARNING)
