"""Schemathesis hooks: act as a careful program would with the portal's API.

Each generated change gets an Idempotency-Key of its own, as a program gives each change its
own key: a key reused for a different body is refused with 422 by design (web/idempotency.py).
"""

import uuid
from typing import Any

import schemathesis


@schemathesis.hook
def before_call(_context: Any, case: Any, **_kwargs: Any) -> None:
    """A fresh key on every request that carries one, just before it is sent."""
    if case.headers and "Idempotency-Key" in case.headers:
        case.headers["Idempotency-Key"] = str(uuid.uuid4())
