"""The private parts of aiormq the batch publisher writes into, checked before it is used.

`batch.py` registers delivery tags in an aiormq channel's own state and queues frames to
its writer, as aiormq's `basic_publish` does. None of that is public API, so aiormq is
pinned to one minor release (pyproject.toml) and this check refuses to start on another
release or on a channel that lacks any of it, instead of publishing with unconfirmed tags.
"""

import inspect
from collections.abc import Callable, MutableMapping
from importlib.metadata import version

from aiormq.abc import ChannelFrame

# The aiormq release `batch.py` was written against; pyproject.toml pins `aiormq>=7.2.4,<7.3`.
PINNED_MINOR = "7.2"

_MISSING = object()

# What batch.py reads or writes on `aiormq.Channel`, and the shape it needs.
_CHANNEL: dict[str, Callable[[object], bool]] = {
    "number": lambda value: isinstance(value, int),
    "max_content_size": lambda value: isinstance(value, int),
    "delivery_tag": lambda value: isinstance(value, int),
    "confirmations": lambda value: isinstance(value, MutableMapping),
    "write_queue": lambda value: callable(getattr(value, "put", None)),
    "create_future": callable,
    # A property on the class: looked up without calling it.
    "lock": lambda value: value is not None,
}
_FRAME_FIELDS = ("payload", "should_close")


class AiormqInternalsChanged(RuntimeError):
    """The installed aiormq lacks private state the batch publisher writes into."""


def check_aiormq_internals(
    channel: object,
    *,
    frame_type: type = ChannelFrame,
    installed: str | None = None,
) -> None:
    """Raise AiormqInternalsChanged unless `channel` and aiormq are what batch.py relies on.

    `installed` is aiormq's version (read from its metadata when not given).
    """
    installed = version("aiormq") if installed is None else installed
    problems = [] if _minor(installed) == PINNED_MINOR else [f"release {installed}"]
    for name, fits in _CHANNEL.items():
        value = inspect.getattr_static(channel, name, _MISSING)
        if value is _MISSING or not fits(value):
            problems.append(f"Channel.{name}")
    parameters = inspect.signature(frame_type).parameters
    problems += [f"ChannelFrame({field}=)" for field in _FRAME_FIELDS if field not in parameters]
    if problems:
        raise AiormqInternalsChanged(
            f"the RabbitMQ batch publisher writes into aiormq's private state and was checked"
            f" against aiormq {PINNED_MINOR}.x only (pyproject.toml pins it); found a mismatch:"
            f" {', '.join(problems)}. Install from the lock file (requirements/), or review"
            f" adapters/rabbitmq/batch.py against the new release before moving the pin."
        )


def _minor(release: str) -> str:
    return ".".join(release.split(".")[:2])
