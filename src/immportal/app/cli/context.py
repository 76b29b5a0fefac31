"""What every `immportal` command shares: the settings the group read, and running a coroutine."""

import asyncio
from collections.abc import Coroutine
from typing import Any, NoReturn

import click

from immportal.settings import Settings

pass_settings = click.make_pass_decorator(Settings)
"""Hand a command the settings the `immportal` group read from the environment."""


def run(command: Coroutine[Any, Any, int]) -> NoReturn:
    """Run a command's coroutine on a new event loop and exit with the code it returns."""
    code = asyncio.run(command)
    click.get_current_context().exit(code)


class CommandGroup(click.Group):
    """A group whose help lists its commands in the order they were declared, not sorted."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands' names, in declaration order."""
        return list(self.commands)
