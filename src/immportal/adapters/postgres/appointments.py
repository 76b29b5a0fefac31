"""Appointment slots and bookings in PostgreSQL; a place is taken by one guarded UPDATE."""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.appointments.rules import AppointmentKind, SlotFull, SlotNotOffered
from immportal.services.appointments.ports import Booking, BookingStatus, FreeDay, Slot

_SLOT = "s.id, s.location_code, s.starts_at, s.capacity, s.booked"
_BOOKING = f"b.id AS booking_id, b.case_id, b.kind, b.status, {_SLOT}"
_FROM = " FROM appointment_bookings b JOIN appointment_slots s ON s.id = b.slot_id"
# Takes one place only while one is left. Row locks queue concurrent bookers of the
# slot, and each re-checks `booked < capacity` on the row as the one before left it.
_TAKE_PLACE = (
    "UPDATE appointment_slots s SET booked = booked + 1"
    f" WHERE id = $1 AND booked < capacity RETURNING {_SLOT}"
)
_GIVE_BACK = (
    "WITH freed AS (UPDATE appointment_bookings SET status = 'released', updated_at = now()"
    "  WHERE id = $1 AND status = ANY($2::text[]) RETURNING slot_id)"
    " UPDATE appointment_slots SET booked = booked - 1"
    " WHERE id IN (SELECT slot_id FROM freed) RETURNING id"
)


def _slot(row: asyncpg.Record) -> Slot:
    return Slot(row["id"], row["location_code"], row["starts_at"], row["capacity"], row["booked"])


def _booking(row: asyncpg.Record, *, created: bool = False) -> Booking:
    return Booking(
        row["booking_id"],
        _slot(row),
        row["case_id"],
        AppointmentKind(row["kind"]),
        BookingStatus(row["status"]),
        created,
    )


class PostgresAppointmentBook:
    """The AppointmentBook on PostgreSQL."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add_slots(self, slots: Iterable[tuple[str, datetime, int]]) -> int:
        """Add (location code, start, capacity) slots that do not exist yet; return how many."""
        codes, starts, capacities = [], [], []
        for code, starts_at, capacity in slots:
            codes.append(code)
            starts.append(starts_at)
            capacities.append(capacity)
        with map_db_errors():
            added = await self._pool.fetchval(
                "WITH added AS (INSERT INTO appointment_slots (location_code, starts_at, capacity)"
                " SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int[])"
                " ON CONFLICT (location_code, starts_at) DO NOTHING RETURNING 1)"
                " SELECT count(*) FROM added",
                codes,
                starts,
                capacities,
            )
        return int(added)

    async def get_slot(self, slot_id: int) -> Slot | None:
        """One slot, or None."""
        with map_db_errors():
            row = await self._pool.fetchrow(
                f"SELECT {_SLOT} FROM appointment_slots s WHERE id = $1", slot_id
            )
        return None if row is None else _slot(row)

    async def free_slots(
        self, location_codes: Sequence[str], after: datetime, before: datetime, limit: int
    ) -> list[Slot]:
        """Up to `limit` slots per place with a free place, earliest first."""
        with map_db_errors():
            rows = await self._pool.fetch(
                f"SELECT {_SLOT} FROM unnest($1::text[]) AS c(code), LATERAL ("
                f"  SELECT {_SLOT} FROM appointment_slots s WHERE s.location_code = c.code"
                "   AND s.starts_at >= $2 AND s.starts_at < $3 AND s.booked < s.capacity"
                "   ORDER BY s.starts_at LIMIT $4) s ORDER BY s.starts_at, s.location_code",
                list(location_codes),
                after,
                before,
                limit,
            )
        return [_slot(row) for row in rows]

    async def free_days(
        self, location_code: str, timezone: str, after: datetime, before: datetime
    ) -> list[FreeDay]:
        """Each day (on the place's clocks) with a free place, earliest first, and how many."""
        with map_db_errors():
            rows = await self._pool.fetch(
                "SELECT (starts_at AT TIME ZONE $2)::date AS day, count(*) AS free"
                " FROM appointment_slots WHERE location_code = $1"
                " AND starts_at >= $3 AND starts_at < $4 AND booked < capacity"
                " GROUP BY 1 ORDER BY 1",
                location_code,
                timezone,
                after,
                before,
            )
        return [FreeDay(row["day"], int(row["free"])) for row in rows]

    async def book(
        self, booking_id: UUID, slot_id: int, case_id: UUID, kind: AppointmentKind
    ) -> Booking:
        """Take a place in a slot (held); the same booking id again returns that booking."""
        try:
            return await self._book(booking_id, slot_id, case_id, kind)
        except asyncpg.UniqueViolationError:
            # The same booking raced us and committed first; ours rolled back whole.
            existing = await self.get_booking(booking_id)
            if existing is None:
                raise
            return existing

    async def _book(
        self, booking_id: UUID, slot_id: int, case_id: UUID, kind: AppointmentKind
    ) -> Booking:
        with map_db_errors():
            async with self._pool.acquire() as conn, conn.transaction():
                row = await conn.fetchrow(f"SELECT {_BOOKING}{_FROM} WHERE b.id = $1", booking_id)
                if row is not None:
                    return _booking(row)
                slot_row = await conn.fetchrow(_TAKE_PLACE, slot_id)
                if slot_row is None:
                    exists = await conn.fetchval(
                        "SELECT 1 FROM appointment_slots WHERE id = $1", slot_id
                    )
                    if exists is None:
                        raise SlotNotOffered("That appointment time does not exist.")
                    raise SlotFull("Someone else has just taken the last place at that time.")
                await conn.execute(
                    "INSERT INTO appointment_bookings (id, slot_id, case_id, kind)"
                    " VALUES ($1, $2, $3, $4)",
                    booking_id,
                    slot_id,
                    case_id,
                    kind.value,
                )
        slot = _slot(slot_row)
        return Booking(booking_id, slot, case_id, kind, BookingStatus.HELD, created=True)

    async def get_booking(self, booking_id: UUID) -> Booking | None:
        """One booking, or None."""
        with map_db_errors():
            row = await self._pool.fetchrow(f"SELECT {_BOOKING}{_FROM} WHERE b.id = $1", booking_id)
        return None if row is None else _booking(row)

    async def confirm(self, booking_id: UUID) -> None:
        """Mark a held booking as booked: the case's event is recorded."""
        with map_db_errors():
            await self._pool.execute(
                "UPDATE appointment_bookings SET status = 'booked', updated_at = now()"
                " WHERE id = $1 AND status = 'held'",
                booking_id,
            )

    async def release(self, booking_id: UUID, *, only: Sequence[BookingStatus]) -> bool:
        """Give the place back if the booking is in one of the `only` statuses."""
        with map_db_errors():
            freed = await self._pool.fetchval(_GIVE_BACK, booking_id, [s.value for s in only])
        return freed is not None

    async def set_outcome(self, booking_id: UUID, status: BookingStatus) -> None:
        """Record that the person attended or missed a booked appointment."""
        with map_db_errors():
            await self._pool.execute(
                "UPDATE appointment_bookings SET status = $2, updated_at = now()"
                " WHERE id = $1 AND status = 'booked'",
                booking_id,
                status.value,
            )

    async def current(self, case_id: UUID, kind: AppointmentKind) -> Booking | None:
        """The case's latest booking of a kind that was confirmed, or None."""
        with map_db_errors():
            row = await self._pool.fetchrow(
                f"SELECT {_BOOKING}{_FROM} WHERE b.case_id = $1 AND b.kind = $2"
                " AND b.status IN ('booked', 'attended', 'missed')"
                " ORDER BY b.created_at DESC LIMIT 1",
                case_id,
                kind.value,
            )
        return None if row is None else _booking(row)

    async def held_before(self, moment: datetime) -> list[Booking]:
        """Bookings still held since before `moment` (attempts that stopped half-way)."""
        with map_db_errors():
            rows = await self._pool.fetch(
                f"SELECT {_BOOKING}{_FROM} WHERE b.status = 'held' AND b.created_at < $1",
                moment,
            )
        return [_booking(row) for row in rows]

    async def day_list(
        self, location_code: str, day_start: datetime, length: timedelta
    ) -> list[Booking]:
        """Confirmed bookings (and their outcomes) at a place in a period, by time."""
        with map_db_errors():
            rows = await self._pool.fetch(
                f"SELECT {_BOOKING}{_FROM} WHERE s.location_code = $1"
                " AND s.starts_at >= $2 AND s.starts_at < $3"
                " AND b.status IN ('booked', 'attended', 'missed')"
                " ORDER BY s.starts_at, b.created_at",
                location_code,
                day_start,
                day_start + length,
            )
        return [_booking(row) for row in rows]
