"""A case's history exports parse back to exactly the events in the store; tampering is named.

The JSON Lines and CSV downloads of a long case history are read back and compared, event
by event, with the case's stream in the store and its rows in the log: the same count,
positions, versions, event types, actors, roles, times and reasons, and "what changed"
that, applied in order, rebuilds the case at every version. Then one stored event is
altered behind the portal's back: the whole-log and the case verification both name it.
"""

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
import pytest
import pytest_asyncio

from immportal.domain.actor import Role
from immportal.services.audit.history import state_of
from immportal.services.audit.labels import title_of
from testkit.audit_support import decided_case, read_csv, read_jsonl, table_rows
from testkit.e2e_support import (
    Portal,
    accepted_case,
    form_token,
    new_applicant,
    parse_page,
    post_form,
)
from testkit.long_history_support import EVIDENCE_REASON, LongHistory, walk_long_history
from testkit.module_portal_support import module_portal
from testkit.officer_support import staff
from testkit.signed_in_support import Person, people

_FIRST_BROKEN = re.compile(r"<span data-first-broken>(\d+)</span>")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Scene:
    """The portal, the walked case, and an auditor signed in."""

    portal: Portal
    history: LongHistory
    auditor: Person


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def scene(admin_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Scene]:
    """One long case history for the export tests, which only read it."""
    data_dir = tmp_path_factory.mktemp("exports")
    async with (
        module_portal(admin_url, data_dir) as portal,
        staff(portal) as sign_in_staff,
        people(portal) as sign_in,
    ):
        history = await walk_long_history(portal, sign_in_staff)
        yield Scene(portal, history, await sign_in(Role.AUDITOR))


@dataclass(frozen=True)
class Stored:
    """One of the case's events as the store holds it: its log row and its decoded event."""

    position: int
    version: int
    recorded_at: datetime
    event: Any


async def stored_events(portal: Portal, case_id: UUID) -> list[Stored]:
    """The case's stream from the store, with each event's position and time in the log."""
    events = await portal.runtime.store.read_stream(case_id)
    rows = await portal.runtime.pool.fetch(
        "SELECT notification_id, originator_version, recorded_at FROM events"
        " WHERE originator_id = $1 ORDER BY originator_version",
        case_id,
    )
    assert [e.originator_version for e in events] == [r["originator_version"] for r in rows]
    return [
        Stored(r["notification_id"], r["originator_version"], r["recorded_at"], e)
        for r, e in zip(rows, events, strict=True)
    ]


def expected_row(stored: Stored) -> dict[str, Any]:
    """What an export says of a stored event, from the event itself."""
    name = type(stored.event).__name__
    return {
        "position": stored.position,
        "version": stored.version,
        "recorded_at": stored.recorded_at,
        "event_type": name,
        "title": title_of("Case", name),
        "actor_id": stored.event.actor_id,
        "actor_role": stored.event.actor_role,
        "reason": getattr(stored.event, "reason", None),
    }


def from_jsonl(line: dict[str, Any]) -> dict[str, Any]:
    """A JSON Lines record in the shape of expected_row."""
    return {
        **{name: line[name] for name in ("position", "version", "event_type", "title")},
        **{name: line[name] for name in ("actor_id", "actor_role", "reason")},
        "recorded_at": datetime.fromisoformat(line["recorded_at"]),
    }


def as_text(cell: str) -> str:
    """A CSV cell's value: the quote that keeps a spreadsheet from running it taken off."""
    if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell


def from_csv(row: dict[str, str]) -> dict[str, Any]:
    """A CSV record in the shape of expected_row (an empty reason cell is no reason)."""
    return {
        "position": int(row["position"]),
        "version": int(row["version"]),
        "recorded_at": datetime.fromisoformat(row["recorded_at"]),
        **{name: as_text(row[name]) for name in ("event_type", "title", "actor_id")},
        "actor_role": as_text(row["actor_role"]),
        "reason": as_text(row["reason"]) or None,
    }


async def download(scene: Scene, name: str) -> str:
    """One of the case's history downloads, as text."""
    response = await scene.auditor.portal.client.get(f"/audit/cases/{scene.history.case_id}/{name}")
    assert 200 == response.status
    assert "attachment" in response.headers["Content-Disposition"]
    return await response.text()


@pytest.mark.asyncio(loop_scope="module")
class TestExportsParseBack:
    """Both downloads are the store's events, every one, in order."""

    async def test_jsonl_is_the_stream(self, scene: Scene) -> None:
        """Each line is the stored event at that version: position, type, actor, time, reason."""
        stored = await stored_events(scene.portal, scene.history.case_id)
        lines = read_jsonl(await download(scene, "history.jsonl"))

        assert 19 == len(stored)
        assert [expected_row(s) for s in stored] == [from_jsonl(line) for line in lines]
        assert all(s.event.timestamp <= s.recorded_at for s in stored)

    async def test_csv_is_the_stream(self, scene: Scene) -> None:
        """Each row is the stored event at that version; a formula-like reason comes back whole."""
        stored = await stored_events(scene.portal, scene.history.case_id)
        rows = read_csv(await download(scene, "history.csv"))

        assert [expected_row(s) for s in stored] == [from_csv(row) for row in rows]
        requested = next(r for r in rows if r["event_type"] == "EvidenceRequested")
        assert "'" + EVIDENCE_REASON == requested["reason"]

    async def test_csv_and_jsonl_say_the_same_changes(self, scene: Scene) -> None:
        """The CSV's "what changed" cell lists the JSON record's changes, in order."""
        lines = read_jsonl(await download(scene, "history.jsonl"))
        rows = read_csv(await download(scene, "history.csv"))

        written = [
            "; ".join(f"{c['field']}: {c['before']} → {c['after']}" for c in line["changes"])
            for line in lines
        ]
        assert written == [as_text(row["changes"]) for row in rows]

    async def test_changes_rebuild_every_version(self, scene: Scene) -> None:
        """Applying each line's changes in order gives the case as of that line's version.

        Each change's "before" is the value the earlier lines left, so nothing is skipped.
        """
        lines = read_jsonl(await download(scene, "history.jsonl"))
        cases = scene.portal.runtime.cases
        folded: dict[str, str] = {}
        rebuilt: dict[int, dict[str, str]] = {}
        expected: dict[int, dict[str, str]] = {}
        stale_befores = []
        for line in lines:
            for change in line["changes"]:
                field = change["field"]
                if change["before"] != folded.get(field, ""):
                    stale_befores.append((line["version"], field))
                folded[field] = change["after"]
            rebuilt[line["version"]] = {k: v for k, v in folded.items() if v}
            as_of = await cases.get(scene.history.case_id, up_to_version=line["version"])
            expected[line["version"]] = {k: v for k, v in state_of(as_of).items() if v}

        assert expected == rebuilt
        assert [] == stale_befores


async def tamper(database_url: str, sql: str) -> None:
    """Change the log directly, as the table's owner (not the portal's role) could."""
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def first_broken(person: Person, path: str) -> str | None:
    """The position a verification page names as broken, or None if it says intact."""
    if path == "/audit/verify":
        token = await form_token(person.portal, path)
        response = await post_form(person.portal, path, {}, token=token)
    else:
        response = await person.portal.client.get(path)
    assert 200 == response.status
    page = await response.text()
    found = _FIRST_BROKEN.findall(page)
    if not found:
        assert "Intact" in parse_page(page).text
        return None
    return str(found[0])


class TestAlteredEvent:
    """An events row altered behind the portal's back is named at its position."""

    @pytest.mark.parametrize(
        "change",
        [
            pytest.param("state = state || '\\x00'::bytea", id="payload"),
            pytest.param("recorded_at = recorded_at - interval '1 hour'", id="time"),
        ],
    )
    async def test_verification_names_the_position(
        self, portal: Portal, database_url: str, change: str
    ) -> None:
        """The whole log and the altered case name the row; another case stays intact."""
        cases = portal.runtime.cases
        altered_case = await decided_case(cases, new_applicant())
        other_case = await accepted_case(cases, new_applicant())
        position = await portal.runtime.pool.fetchval(
            "SELECT notification_id FROM events WHERE originator_id = $1"
            " AND originator_version = 8",
            altered_case,
        )
        async with people(portal) as sign_in:
            auditor = await sign_in(Role.AUDITOR)
            pages = [
                "/audit/verify",
                f"/audit/cases/{altered_case}/verify",
                f"/audit/cases/{other_case}/verify",
            ]
            before = [await first_broken(auditor, path) for path in pages]
            await tamper(
                database_url, f"UPDATE events SET {change} WHERE notification_id = {position}"
            )
            after = [await first_broken(auditor, path) for path in pages]
            history = await auditor.portal.client.get(f"/audit/cases/{altered_case}")
            listed = table_rows(await history.text(), "audit-event")

        assert [None, None, None] == before
        assert [str(position), str(position), None] == after
        assert 10 == len(listed)
        assert str(position) == listed[7][0]
