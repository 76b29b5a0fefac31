"""Running the `immportal` command inside the test process, as a person would at a console."""

import asyncio
import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import click
import structlog
from click.testing import CliRunner, Result

from immportal.app.cli.main import cli


def invoke(args: Sequence[str], env: Mapping[str, str | None] | None = None) -> Result:
    """Run one command line; its exit code, standard output and standard error.

    A traceback fails the test rather than hiding in the result, as it would at a console.
    """
    with logging_kept():
        return CliRunner().invoke(cli, list(args), env=dict(env or {}), catch_exceptions=False)


async def run_cli(*args: str, env: Mapping[str, str | None]) -> Result:
    """Run one command line from an async test.

    On a worker thread: each command runs its own event loop (asyncio.run), which cannot
    start inside the test's running loop.
    """
    return await asyncio.to_thread(invoke, args, env)


@contextmanager
def logging_kept() -> Iterator[None]:
    """Put back the logging set-up the command replaces, so later tests log as before."""
    structlog_config = structlog.get_config()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {
        name: logger.level
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    try:
        yield
    finally:
        structlog.configure(**structlog_config)
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, logger in logging.root.manager.loggerDict.items():
            if isinstance(logger, logging.Logger):
                logger.setLevel(levels.get(name, logging.NOTSET))


def parse_only(line: Sequence[str]) -> click.Context:
    """Parse a command line as `immportal` would, running nothing; a usage error raises."""
    words = list(line)
    command: click.Command = cli
    ctx = click.Context(cli, info_name="immportal")
    while isinstance(command, click.Group):
        name, *words = words
        found = command.get_command(ctx, name)
        if found is None:
            raise click.UsageError(f"no command {name!r}", ctx)
        command = found
        if isinstance(command, click.Group):
            ctx = click.Context(command, info_name=name, parent=ctx)
    return command.make_context(name, words, parent=ctx)
