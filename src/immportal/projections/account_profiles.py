"""Read model `account_profiles`: each account's names, email, role, office and address.

What pages show about a person (the account page, staff names beside what they did, a
representative's address, the office a staff member works in). Password hashes, second
factor secrets and recovery code digests never leave the account's events. The same
projection keeps the recovery attempts (projections.account_recoveries): one leader, and
one connection, for accounts and their recoveries.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.actor import Role
from immportal.domain.identity.time_zones import person_zone
from immportal.formatting import AGENCY_ZONE
from immportal.projections.account_recoveries import (
    RECOVERY_TOPIC,
    apply_recoveries,
    recoveries_ddl,
)
from immportal.projections.base import Projected, Projection, Table, event_name, view_name
from immportal.services.identity.profiles import AccountProfile

ACCOUNT_TOPIC = "immportal.domain.identity.account:Account."

COLUMNS = (
    "account_id",
    "email",
    "email_key",
    "names",
    "role",
    "office",
    "email_verified",
    "totp_active",
    "recovery_codes_left",
    "mailing_address",
    "last_sign_in_at",
    "language",
    "time_zone",
    "version",
    "position",
)


def fold(row: dict[str, Any], item: Projected) -> None:
    """Apply one account event to its profile, as the Account aggregate applies it."""
    event: Any = item.event
    match event_name(event):
        case "Registered":
            row |= {"email": event.email, "email_key": event.email_key, "role": event.role}
            row |= {"names": list(event.names), "email_verified": False, "totp_active": False}
            row |= {"recovery_codes_left": 0}
        case "EmailVerified":
            row["email_verified"] = True
        case "EmailChanged":
            row |= {"email": event.email, "email_key": event.email_key, "email_verified": True}
        case "TotpActivated":
            row["totp_active"] = True
        case "RecoveryCodesSet":
            row["recovery_codes_left"] = len(event.digests)
        case "RecoveryCodeUsed":
            # The account only lets a code be used that it holds, so one fewer is left.
            row["recovery_codes_left"] = max(0, row["recovery_codes_left"] - 1)
        case "SecondFactorReset":
            row["totp_active"], row["recovery_codes_left"] = False, 0
        case "SignedIn":
            row["last_sign_in_at"] = event.at
        case "OfficeAssigned":
            row["office"] = event.office
        case "LanguageChosen":
            row["language"] = event.language
        case "MailingAddressChanged":
            row["mailing_address"] = dict(event.address)
        case "TimeZoneChosen":
            row["time_zone"] = event.zone
    row["version"] = event.originator_version
    row["position"] = item.record.position


class AccountProfilesProjection(Projection):
    """Maintains `read.account_profiles`, and the recovery attempts' `read.account_recoveries`."""

    name = "account_profiles"
    tables = ("account_profiles", "account_recoveries")
    topic_prefixes = (ACCOUNT_TOPIC, RECOVERY_TOPIC)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One row per account, by its id; one per attempt (see projections.account_recoveries)."""
        t = tables["account_profiles"]
        return [
            *recoveries_ddl(tables["account_recoveries"]),
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                account_id uuid PRIMARY KEY, email text NOT NULL, email_key text NOT NULL,
                names text[] NOT NULL, role text NOT NULL, office text,
                email_verified boolean NOT NULL, totp_active boolean NOT NULL,
                recovery_codes_left integer NOT NULL, mailing_address jsonb,
                last_sign_in_at timestamptz, language text, time_zone text, version bigint NOT NULL,
                position bigint NOT NULL)""",
            # A generation made before people chose languages gains the column; until a
            # rebuild it reads as "not chosen" (the browser's language is used).
            f"ALTER TABLE {t.sql} ADD COLUMN IF NOT EXISTS language text",
            # A generation made before people chose time zones gains the column; until a
            # rebuild it reads as "not chosen", which shows the address's zone.
            f"ALTER TABLE {t.sql} ADD COLUMN IF NOT EXISTS time_zone text",
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Fold the batch per account (or attempt) in memory, then upsert each touched row once."""
        attempts = [item for item in batch if item.record.topic.startswith(RECOVERY_TOPIC)]
        if attempts:
            await apply_recoveries(conn, tables["account_recoveries"], attempts)
        batch = [item for item in batch if item.record.topic.startswith(ACCOUNT_TOPIC)]
        if not batch:
            return
        t = tables["account_profiles"].sql
        ids = list({item.record.originator_id for item in batch})
        existing = await conn.fetch(f"SELECT * FROM {t} WHERE account_id = ANY($1::uuid[])", ids)
        rows: dict[UUID, dict[str, Any]] = {r["account_id"]: _decoded(r) for r in existing}
        for item in batch:
            account_id = item.record.originator_id
            fold(rows.setdefault(account_id, {"account_id": account_id}), item)
        values = ", ".join(
            f"${i}::jsonb" if column == "mailing_address" else f"${i}"
            for i, column in enumerate(COLUMNS, 1)
        )
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
        await conn.executemany(
            f"INSERT INTO {t} ({', '.join(COLUMNS)}) VALUES ({values})"
            f" ON CONFLICT (account_id) DO UPDATE SET {updates}",
            [_encoded(row) for row in rows.values()],
        )


def _encoded(row: dict[str, Any]) -> tuple[Any, ...]:
    address = row.get("mailing_address")
    values = row | {"mailing_address": None if address is None else json.dumps(address)}
    return tuple(values.get(c) for c in COLUMNS)


def _decoded(record: asyncpg.Record) -> dict[str, Any]:
    row = dict(record)
    if row["mailing_address"] is not None:
        row["mailing_address"] = json.loads(row["mailing_address"])
    return row


def _profile(record: asyncpg.Record) -> AccountProfile:
    row = _decoded(record)
    return AccountProfile(**row | {"names": tuple(row["names"]), "role": Role(row["role"])})


async def get_profile(pool: asyncpg.Pool, account_id: UUID) -> AccountProfile | None:
    """One account's profile, or None when the read model has no such account."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('account_profiles')}"
            " WHERE account_id = $1",
            account_id,
        )
    return None if row is None else _profile(row)


async def get_time_zone(pool: asyncpg.Pool, account_id: UUID) -> str:
    """The zone to show the account's dates in: the one chosen, else its address's zone."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT time_zone, mailing_address FROM {view_name('account_profiles')}"
            " WHERE account_id = $1",
            account_id,
        )
    if row is None:
        return AGENCY_ZONE
    address = None if row["mailing_address"] is None else json.loads(row["mailing_address"])
    return person_zone(row["time_zone"], address)


async def get_language(pool: asyncpg.Pool, account_id: UUID) -> str | None:
    """The language the account's holder chose, None until they choose one."""
    with map_db_errors():
        language: str | None = await pool.fetchval(
            f"SELECT language FROM {view_name('account_profiles')} WHERE account_id = $1",
            account_id,
        )
    return language


async def get_profiles(pool: asyncpg.Pool, ids: Iterable[UUID]) -> dict[UUID, AccountProfile]:
    """The profiles of several accounts (those the read model has), by account id."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('account_profiles')}"
            " WHERE account_id = ANY($1::uuid[])",
            list(set(ids)),
        )
    profiles = [_profile(row) for row in rows]
    return {UUID(str(p.account_id)): p for p in profiles}


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def find_account_ids(
    pool: asyncpg.Pool, *, email_key: str | None = None, name: str = "", limit: int = 50
) -> list[UUID]:
    """Accounts by email address (its key), or whose names hold every word of `name`."""
    words = name.split()
    if email_key is None and not words:
        return []
    if email_key is not None:
        where, args = "email_key = $1", [email_key]
    else:
        names = "array_to_string(names, ' ')"
        where = " AND ".join(f"{names} ILIKE ${i}" for i in range(1, len(words) + 1))
        args = [_like(word) for word in words]
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT account_id FROM {view_name('account_profiles')} WHERE {where}"
            f" ORDER BY account_id LIMIT {int(limit)}",
            *args,
        )
    return [UUID(str(row["account_id"])) for row in rows]
