"""How commands kept outside case.py join the Case aggregate with the case's own events.

case.py is already long, so later groups of commands (paper filing, card delivery) live
in mixins of their own modules. eventsourcing only turns the `@event` methods found in
the aggregate class's own body into event classes, and an event's topic names the class
it was made on; copying the mixins' `@event` methods into Case's body before the library
reads it gives their events Case's topics (`...case:Case.CardMailed`), which every read
model of cases already follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from eventsourcing.domain import CommandMethodDecorator

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.status import TERMINAL_STATUSES, CaseStatus, Transition, describe
from immportal.domain.errors import CaseClosed, NotPermitted, TransitionNotAllowed


class Who(TypedDict):
    """Who acted and the status the command leaves the case in, as every event records."""

    actor_id: str
    actor_role: str
    status: str


class CaseMixin:
    """A group of case commands whose events are made on the aggregate that mixes it in."""

    status: CaseStatus
    applicant_id: str
    form_type: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Copy the direct mixins' `@event` methods into the class before eventsourcing runs."""
        # Only direct bases: a subclass of Case must not make second copies of the events.
        for base in cls.__bases__:
            if not issubclass(base, CaseMixin):
                continue
            for name, value in vars(base).items():
                if isinstance(value, CommandMethodDecorator) and name not in vars(cls):
                    setattr(cls, name, value)
        super().__init_subclass__(**kwargs)


def check_step(
    actor: Actor,
    current: CaseStatus,
    command: str,
    *,
    roles: Mapping[str, frozenset[Role]],
    transitions: Mapping[str, Transition],
) -> Who:
    """Check the actor's role, then the status, as status.next_status does; return Who."""
    if actor.role not in roles[command]:
        msg = f"A user acting as {actor.role.value} may not do this."
        raise NotPermitted(msg)
    transition = transitions[command]
    action = command.replace("_", " ")
    if current not in transition.allowed_from:
        if current in TERMINAL_STATUSES:
            msg = f"Cannot {action}: the case was {current.value}."
            raise CaseClosed(msg, command=command, status=current.value)
        msg = f"Cannot {action} while the case status is: {describe(current)}."
        raise TransitionNotAllowed(msg, command=command, status=current.value)
    status = transition.apply(current).value
    return Who(actor_id=actor.user_id, actor_role=actor.role.value, status=status)
