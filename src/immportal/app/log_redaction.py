"""Secrets out of log lines: by the key they are logged under, and by their shape in text."""

import logging
import re
from collections.abc import Mapping, MutableMapping
from typing import Any

REDACTED = "[redacted]"

# Key names whose values are never written to a log, whatever the caller passed.
_SECRET_WORD = r"pass|secret|token|otp|code|key|cookie|session|authorization"  # noqa: S105 - names, no password
_SECRET_KEY = re.compile(_SECRET_WORD, re.I)
_SAFE_KEYS = frozenset({"status_code", "form_code", "office_code", "event_key"})

# Libraries log free text ("connecting to %s" with a DSN), so secrets are also found by
# their shape. Each branch keeps its prefix (group) and loses what follows it.
_NAME = rf"[\w.-]*(?:{_SECRET_WORD})[\w.-]*"
_IN_TEXT = re.compile(
    # scheme://user:password@host: database, broker and object-store URLs.
    r"(?P<url>\b[a-z][a-z0-9+.-]*://[^\s:/?#@]*:)[^\s@/?#]+(?=@)"
    # An HTTP header line, to its end (a cookie header holds several values).
    r"|(?P<header>\b(?:proxy-authorization|authorization|cookie|set-cookie|x-api-key)\s*:\s*)"
    r"[^\r\n]+"
    # 'password': 'x' and "token": "x", as a dict's repr or JSON show them.
    rf"|(?P<quoted>(?P<quote>[\"'])(?P<quoted_key>{_NAME})(?P=quote)\s*[:=]\s*)"
    r"(?P<quoted_value>\"[^\"]*\"|'[^']*'|[^\s,;}\]]+)"
    # password=x in query strings, libpq DSNs and logfmt. Only without spaces around
    # '=', which leaves assignments in a traceback's source lines readable.
    rf"|(?P<pair>(?P<pair_key>{_NAME})=)[^\s&;,\"'<>]+"
    r"|(?P<bearer>\bBearer\s+)[\w.~+/=-]+",
    re.I,
)


def is_secret_key(key: object) -> bool:
    """Whether a value logged under this key must be hidden."""
    return isinstance(key, str) and key not in _SAFE_KEYS and bool(_SECRET_KEY.search(key))


def _hide(match: re.Match[str]) -> str:
    if match["quoted"] is not None:
        if match["quoted_key"] in _SAFE_KEYS:
            return match[0]
        value = match["quoted_value"]
        quote = value[0] if value[0] in "\"'" else ""
        return f"{match['quoted']}{quote}{REDACTED}{quote}"
    if match["pair"] is not None:
        return match[0] if match["pair_key"] in _SAFE_KEYS else match["pair"] + REDACTED
    prefix = match["url"] or match["header"] or match["bearer"]
    return f"{prefix}{REDACTED}"


def scrub_text(text: str) -> str:
    """The text with credentials in URLs, headers and key=value pairs hidden."""
    return _IN_TEXT.sub(_hide, text)


def _clean(value: Any) -> Any:
    """A copy of a logged value with its secrets hidden; other objects as they are."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, Mapping):
        return {k: REDACTED if is_secret_key(k) else _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value] if isinstance(value, list) else tuple(map(_clean, value))
    if isinstance(value, BaseException):
        # Rendered as its repr anyway; a driver's error message may quote a DSN.
        return scrub_text(repr(value))
    return value


def _message_of(record: logging.LogRecord, args: Any) -> str:
    """A library record's message, formatted again from arguments with secrets hidden."""
    template = str(record.msg)
    cleaned: object = _clean(args)
    try:
        return template % cleaned
    except (TypeError, ValueError, KeyError):
        # A hidden value broke a numeric placeholder: the template alone shows no secret.
        return template


# ProcessorFormatter's own keys, removed before rendering; the record must stay a record.
_BOOKKEEPING = frozenset({"_record", "_from_structlog"})


def redact_secrets(
    _logger: Any, _name: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Hide secrets: values under secret-looking keys, in records' arguments and in any text."""
    # ProcessorFormatter(pass_foreign_args=True) hands a library record's arguments over.
    args = event_dict.pop("positional_args", None)
    record = event_dict.get("_record")
    if args and isinstance(record, logging.LogRecord) and not event_dict.get("_from_structlog"):
        event_dict["event"] = _message_of(record, args)
    for key, value in event_dict.items():
        if key not in _BOOKKEEPING:
            event_dict[key] = REDACTED if is_secret_key(key) else _clean(value)
    return event_dict
