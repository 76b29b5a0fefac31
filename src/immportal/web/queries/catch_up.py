"""Find a row a read model should have: if it is not there yet, wait once for the projection.

A page reached by a link the person just got (a case they opened a moment ago, an account
they signed in to straight after it was made) may ask for a row a projection is still
writing. Rather than answer "not found", wait (bounded) until that projection has passed
the log's head, as a write's own page does, and look again.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from immportal.web.portal import Portal
from immportal.web.read_your_writes import READ_YOUR_WRITES_SECONDS

T = TypeVar("T")


async def found_after_catch_up(
    portal: Portal, projection: str, find: Callable[[], Awaitable[T | None]]
) -> T | None:
    """The row `find` returns; if None, what it returns once `projection` reached the head."""
    found = await find()
    if found is not None:
        return found
    head = await portal.read_models.head()
    await portal.read_models.wait_until(head, (projection,), READ_YOUR_WRITES_SECONDS)
    return await find()
