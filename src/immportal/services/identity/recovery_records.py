"""An account recovery attempt as the `account_recoveries` read model records it."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from immportal.domain.identity.recovery import CancelReason, RecoveryProgress


@dataclass(frozen=True, kw_only=True)
class RecoveryRecord(RecoveryProgress):
    """One attempt's steps so far; where it stands follows the attempt's own rules."""

    recovery_id: UUID
    account_id: UUID
    requested_at: datetime
    wrong_proofs: int
    proven_at: datetime | None
    approved_by: str | None
    cancel_reason: CancelReason | None
    cancelled_at: datetime | None
    completed_at: datetime | None
    help_requested_at: datetime | None
    opened_by: str | None
    replaced_by: UUID | None
    """The attempt an administrator opened to approve in place of this locked one."""
    position: int

    @property
    def id(self) -> UUID:
        """The attempt's id, named as on the aggregate."""
        return self.recovery_id
