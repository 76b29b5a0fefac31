"""What share codes need from outside: case files, per-network limits, a credential signer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from immportal.services.cases.files import CaseFile
from immportal.services.cases.ports import LookupAllowance


class CaseFiles(Protocol):
    """Reads a case's file (the read model): whose case, its status, its answers."""

    async def case_file(self, case_id: UUID) -> CaseFile | None:
        """The case's file, or None."""
        ...


class CheckLimits(Protocol):
    """Counts share-code checks per client network."""

    async def record(self, address: str | None, now: datetime) -> LookupAllowance:
        """Count one check from the address; refused once the window's limit is passed."""
        ...


class CredentialSigner(Protocol):
    """Signs statements as compact JWS with a published Ed25519 key."""

    def sign(self, claims: Mapping[str, Any], now: datetime) -> str:
        """The claims as a compact JWS (EdDSA), signed by the key in use at `now`."""
        ...
