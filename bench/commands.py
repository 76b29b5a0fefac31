"""Benchmark 2: the command cycle at N concurrent writers: load (replay), command, save."""

import asyncio
import time
from dataclasses import dataclass
from uuid import UUID

from bench.db import Database
from bench.measure import CpuUse, Latencies, cpu_use, latencies
from bench.workload import ANSWERS, applicant
from immportal.app.container import Runtime
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType


@dataclass(frozen=True)
class CommandResult:
    """Commands per second and per-command latency."""

    latencies: Latencies
    cpu: CpuUse
    events_per_case: float


async def command_cycle(
    runtime: Runtime, db: Database, writers: int, seconds: float, cases_per_writer: int
) -> CommandResult:
    """Each writer cycles over its own cases: `CaseService.update` with `save_answers`.

    `update` replays the case from the store (Repository.get), runs the command and
    saves, exactly as the web layer does; writers never touch each other's cases.
    """
    service = runtime.cases

    async def open_cases(number: int) -> list[UUID]:
        actor = applicant(number)
        return [
            await service.start(
                actor=actor, applicant_id=actor.user_id, form_type=FormType.N400, office="NBC"
            )
            for _ in range(cases_per_writer)
        ]

    owned = await asyncio.gather(*(open_cases(n) for n in range(writers)))
    loop = asyncio.get_running_loop()
    samples: list[float] = []

    async def writer(number: int, deadline: float) -> None:
        actor, ids, turn = applicant(number), owned[number], 0

        def command(case: Case) -> None:
            case.save_answers(actor, "about_you", ANSWERS)

        while loop.time() < deadline:
            started = time.perf_counter()
            await service.update(ids[turn % len(ids)], None, command)
            samples.append(time.perf_counter() - started)
            turn += 1

    with cpu_use(db.watched) as cpu:
        started = time.perf_counter()
        deadline = loop.time() + seconds
        await asyncio.gather(*(writer(n, deadline) for n in range(writers)))
        elapsed = time.perf_counter() - started
    per_case = 1 + len(samples) / (writers * cases_per_writer)
    return CommandResult(latencies(samples, elapsed), cpu, per_case)
