"""Helpers shared by tests (not fixtures)."""

from immportal.settings import Settings


def make_settings(database_url: str, **overrides: object) -> Settings:
    """Settings for a test: its own database, fast polling, quiet logs."""
    values: dict[str, object] = {
        "database_url": database_url,
        "projection_idle_wait": 0.05,
        "notification_retry_delay": 1.0,
        "log_level": "warning",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]
