"""Helpers for projection tests: seeding cases and waiting for catch-up."""

import asyncio
from collections.abc import Awaitable, Callable

import asyncpg

from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType

APPLICANT = Actor("applicant-projection", Role.APPLICANT)


async def seed_cases(runtime: Runtime, cases: int, answers: int = 1) -> int:
    """Append `cases` draft cases with `answers` saves each; return the events written."""
    batch: list[Case] = []
    for _ in range(cases):
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.I130, office="CSC", actor=APPLICANT
        )
        for n in range(answers):
            case.save_answers(APPLICANT, f"s{n}", {"n": n})
        batch.append(case)
    await asyncio.gather(*(runtime.store.append(c.collect_events()) for c in batch))
    return cases * (1 + answers)


async def positions(pool: asyncpg.Pool) -> dict[str, int]:
    """Each projection's live position."""
    rows = await pool.fetch(
        "SELECT s.name, p.position FROM projection_state s JOIN projection_positions p"
        " ON p.name = s.name AND p.generation = s.live_generation"
    )
    return {r["name"]: r["position"] for r in rows}


async def wait_until(condition: Callable[[], Awaitable[bool]], *, seconds: float = 30) -> None:
    """Poll an async predicate until it holds; fail after `seconds`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not await condition():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {seconds}s")
        await asyncio.sleep(0.05)


async def caught_up(
    runtime: Runtime, names: tuple[str, ...] = ("case_summary", "case_timeline")
) -> bool:
    """Whether every named projection has reached the head of the log."""
    head = await runtime.store.head()
    found = await positions(runtime.pool)
    return all(found.get(name) == head for name in names)
