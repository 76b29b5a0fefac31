"""Errors shared by every layer, translated to pages and status codes by the web layer."""


class PortalError(Exception):
    """Base of the portal's own errors."""


class NotFound(PortalError):
    """The thing asked for does not exist (or the person may not know it exists)."""


class ConcurrencyConflict(PortalError):
    """Someone else changed the aggregate after it was read."""


class DatabaseUnavailable(PortalError):
    """PostgreSQL cannot be reached; nothing was written."""
