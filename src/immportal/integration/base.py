"""What every integration event carries, and how its id and routing key are made."""

import re
import uuid
from datetime import datetime
from typing import ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from pydantic import BaseModel, ConfigDict

# Event ids are derived, so the same stored event always becomes the same message.
EVENT_ID_NAMESPACE = uuid.UUID("5a0c3f8e-6f0b-4d5e-9a51-3c1f3b7f0e21")


def event_id(aggregate_id: UUID, version: int) -> UUID:
    """The stable id of one stored event (and of the message that carries it)."""
    return uuid.uuid5(EVENT_ID_NAMESPACE, f"{aggregate_id}/{version}")


def snake_case(name: str) -> str:
    """'DecisionIssued' -> 'decision_issued'."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def event_names(aggregate: type[Aggregate]) -> list[str]:
    """The names of the events an aggregate class records, in the order they are declared."""
    return [
        name
        for name, value in vars(aggregate).items()
        if isinstance(value, type)
        and issubclass(value, Aggregate.Event)
        and name not in {"Event", "Created"}
    ]


class IntegrationEvent(BaseModel):
    """Fields every integration event carries."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: ClassVar[int] = 1

    event_id: UUID
    aggregate_id: UUID
    version: int
    occurred_at: datetime
