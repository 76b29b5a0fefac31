"""The case as of any version is exactly the case as it was live at that version.

A case is walked through a long history in the officer workspace. The expected case at
each version comes from applying its stored events one at a time to one aggregate (and
agrees with the case as the portal loaded it right after each step); the auditors' as-of
service and page must show that, for every version.
"""

import copy
import html
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, cast

import pytest
import pytest_asyncio
from eventsourcing.domain import Aggregate

from immportal.domain.actor import Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.status import describe
from immportal.web.audit.as_of import answer_rows, state_rows
from testkit.e2e_support import Portal
from testkit.long_history_support import LongHistory, public_state, walk_long_history
from testkit.module_portal_support import module_portal
from testkit.officer_support import staff
from testkit.signed_in_support import Person, people

pytestmark = pytest.mark.asyncio(loop_scope="module")

_STATE = re.compile(r'<dd class="margin-left-0" data-field="([^"]*)">(.*?)</dd>', re.S)
_ANSWER = re.compile(r'<dt><code>(.*?)</code></dt><dd class="margin-left-0">(.*?)</dd>', re.S)
_HEADING = re.compile(r"<h1>(.*?)</h1>", re.S)


@dataclass(frozen=True)
class Scene:
    """The portal, the walked case, and an auditor signed in."""

    portal: Portal
    history: LongHistory
    auditor: Person


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def scene(admin_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Scene]:
    """One long case history for the module's tests, which only read it."""
    data_dir = tmp_path_factory.mktemp("as-of")
    async with (
        module_portal(admin_url, data_dir) as portal,
        staff(portal) as sign_in_staff,
        people(portal) as sign_in,
    ):
        history = await walk_long_history(portal, sign_in_staff)
        yield Scene(portal, history, await sign_in(Role.AUDITOR))


async def replayed(scene: Scene) -> dict[int, Case]:
    """The case after each of its stored events, applied one at a time to one aggregate."""
    events = await scene.portal.runtime.store.read_stream(scene.history.case_id)
    states: dict[int, Case] = {}
    case: Case | None = None
    for event in events:
        case = cast(Case, cast(Aggregate.Event, event).mutate(case))
        states[case.version] = copy.deepcopy(case)
    return states


def text_of(fragment: str) -> str:
    """Markup's text as the page shows it: entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def shown(rows: list[Any]) -> list[tuple[str, str]]:
    """Rows as the page prints them: an empty value says "(none)"."""
    return [(row.label, " ".join(row.value.split()) or "(none)") for row in rows]


class TestEveryVersion:
    """Versions 1 to the newest, each compared with the case live at that version."""

    async def test_the_history_is_long(self, scene: Scene) -> None:
        """Every step of the walk added exactly one event, in order, to the accepted case."""
        expected = await replayed(scene)

        assert list(range(1, 20)) == sorted(expected)
        assert list(range(4, 20)) == sorted(scene.history.live)
        assert "reopened" == expected[19].status.value

    async def test_replay_agrees_with_the_live_case(self, scene: Scene) -> None:
        """The case as loaded after each step equals the replay at that version."""
        expected = await replayed(scene)
        live = scene.history.live

        assert {v: public_state(expected[v]) for v in live} == {
            v: public_state(case) for v, case in live.items()
        }

    async def test_the_as_of_service(self, scene: Scene) -> None:
        """Loading up to version v gives the case as it was right after the v-th event."""
        expected = await replayed(scene)
        cases = scene.portal.runtime.cases
        as_of = {
            v: public_state(await cases.get(scene.history.case_id, up_to_version=v))
            for v in expected
        }

        assert {v: public_state(case) for v, case in expected.items()} == as_of

    async def test_the_as_of_page(self, scene: Scene) -> None:
        """Each version's page shows that version's status, fields and answers."""
        expected = await replayed(scene)
        client = scene.auditor.portal.client
        newest = max(expected)
        pages = {}
        for version in expected:
            response = await client.get(f"/audit/cases/{scene.history.case_id}/as-of/{version}")
            assert 200 == response.status, version
            pages[version] = await response.text()

        headings = {v: text_of(_HEADING.findall(page)[0]) for v, page in pages.items()}
        assert {v: f"The case as of version {v} of {newest}" for v in expected} == headings
        statuses = {v: text_of(dict(_STATE.findall(page))["Status"]) for v, page in pages.items()}
        assert {
            v: f"{describe(case.status)} ({case.status.value})" for v, case in expected.items()
        } == statuses
        fields = {
            v: [(html.unescape(label), text_of(value)) for label, value in _STATE.findall(page)]
            for v, page in pages.items()
        }
        assert {v: shown(state_rows(case)) for v, case in expected.items()} == fields
        answers = {
            v: [(text_of(label), text_of(value)) for label, value in _ANSWER.findall(page)]
            for v, page in pages.items()
        }
        assert {v: shown(answer_rows(case)) for v, case in expected.items()} == answers
