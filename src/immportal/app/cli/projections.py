"""`immportal projections status|rebuild`: the read models' progress, and rebuilding one."""

import click

from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.container import all_projections, open_runtime
from immportal.projections.rebuild import rebuild as rebuild_generation
from immportal.projections.status import projection_statuses
from immportal.settings import Settings


@click.group(cls=CommandGroup, help="read-model projections")
def projections() -> None:
    """The read-model projections' commands."""


@projections.command(help="position and lag of each projection")
@pass_settings
def status(settings: Settings) -> None:
    """Print each projection's generation, position and lag."""
    run(show_status(settings))


@projections.command(help="rebuild one from zero")
@click.argument("name")
@pass_settings
def rebuild(settings: Settings, name: str) -> None:
    """Rebuild one projection into a new generation and switch to it."""
    run(rebuild_projection(settings, name))


async def show_status(settings: Settings) -> int:
    """Print each projection's generation, position and lag."""
    async with open_runtime(settings) as runtime:
        statuses = await projection_statuses(runtime.pool)
    click.echo(f"{'projection':<16} {'gen':>4} {'position':>10} {'head':>10} {'lag':>8}  leader")
    for s in statuses:
        leader = "running" if s.leader_running else "none"
        if s.rebuilding:
            leader += " (rebuilding)"
        click.echo(
            f"{s.name:<16} {s.generation:>4} {s.position:>10} {s.head:>10} {s.lag:>8}  {leader}"
        )
    return 0


async def rebuild_projection(settings: Settings, name: str) -> int:
    """Rebuild one projection into a new generation and switch to it."""
    by_name = {p.name: p for p in all_projections()}
    if name not in by_name:
        click.echo(f"Unknown projection {name!r}; choose from: {', '.join(sorted(by_name))}")
        return 2
    async with open_runtime(settings) as runtime:
        generation = await rebuild_generation(
            dsn=runtime.dsn,
            role=settings.database_app_role,
            store=runtime.store,
            # Built again with the runtime: the notices projection writes to its blob store.
            projection={p.name: p for p in all_projections(runtime)}[name],
        )
    click.echo(f"{name} rebuilt; now serving generation {generation}.")
    return 0
