"""structlog set-up: JSON lines, context bound per request, secrets redacted."""

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

# Key names whose values are never written to a log, whatever the caller passed.
_SECRET_KEY = re.compile(r"pass|secret|token|otp|code|key|cookie|session|authorization", re.I)
_SAFE_KEYS = frozenset({"status_code", "form_code", "office_code", "event_key"})
REDACTED = "[redacted]"


def redact_secrets(
    _logger: Any, _name: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Replace the value of any secret-looking key with a marker."""
    for key in list(event_dict):
        if key not in _SAFE_KEYS and _SECRET_KEY.search(key):
            event_dict[key] = REDACTED
    return event_dict


def configure_logging(level: str = "info", *, json: bool = True) -> None:
    """Configure structlog once per process; safe to call again."""
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            redact_secrets,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping()[level.upper()]
        ),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=False,
    )
