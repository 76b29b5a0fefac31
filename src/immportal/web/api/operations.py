"""One API operation: its route, handler and models; both the router and the document use it."""

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from aiohttp import web
from pydantic import BaseModel

ApiHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PARAMETER = re.compile(r"{([a-z_]+)}")


@dataclass(frozen=True)
class Operation:
    """A route of the API, described well enough to build its OpenAPI operation.

    `responses` maps each success status to its body model (None: a JSON object described
    in words). Problem responses are added by rule (sign-in, CSRF, bodies, ids) plus
    those named in `problems` with what they mean here.
    """

    method: str
    path: str
    handler: ApiHandler
    operation_id: str
    summary: str
    tag: str
    responses: Mapping[int, type[BaseModel] | None]
    body: type[BaseModel] | None = None
    problems: Mapping[int, str] = field(default_factory=dict)
    description: str = ""

    @property
    def parameters(self) -> list[str]:
        """The path parameters, in URL order."""
        return _PARAMETER.findall(self.path)

    @property
    def unsafe(self) -> bool:
        """Whether the operation changes something (and so needs the CSRF header)."""
        return self.method in UNSAFE


def add_operations(app: web.Application, operations: list[Operation]) -> None:
    """Register each operation's handler on its method and path."""
    for operation in operations:
        app.router.add_route(operation.method, operation.path, operation.handler)
