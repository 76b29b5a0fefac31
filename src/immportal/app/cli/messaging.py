"""`immportal deadletters list|replay` and `immportal integration schemas`: the broker's side."""

from pathlib import Path

import click

from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.container import open_runtime
from immportal.integration.schema_docs import write_documents
from immportal.settings import Settings

_CONSUMER = click.option("--consumer", default="notifications")


@click.group(cls=CommandGroup, help="messages a consumer gave up on")
def deadletters() -> None:
    """The commands over the messages consumers parked."""


@deadletters.command(name="list", help="show parked messages")
@_CONSUMER
@pass_settings
def list_command(settings: Settings, consumer: str) -> None:
    """Print the messages a consumer parked."""
    run(list_dead_letters(settings, consumer))


@deadletters.command(help="retry them all")
@_CONSUMER
@pass_settings
def replay(settings: Settings, consumer: str) -> None:
    """Send a consumer's parked messages back."""
    run(replay_dead_letters(settings, consumer))


@click.group(cls=CommandGroup, help="integration events")
def integration() -> None:
    """The commands over the published integration events."""


@integration.command(help="write the JSON schemas of the integration events")
@click.option("--out", default="docs/integration-events")
def schemas(out: str) -> None:
    """Write the integration events' schemas and index."""
    for path in write_documents(Path(out)):
        click.echo(path)


async def list_dead_letters(settings: Settings, consumer: str) -> int:
    """Print the messages a consumer parked after its last attempt."""
    if not _needs_broker(settings):
        return 2
    async with open_runtime(settings) as runtime:
        parked = await runtime.bus.dead_letters(consumer)
    click.echo(f"{len(parked)} dead-lettered message(s) for {consumer}.")
    for message in parked:
        error = message.headers.get("x-last-error", "unknown error")
        click.echo(f"{message.message_id}  {message.routing_key}  {error}")
    return 0


async def replay_dead_letters(settings: Settings, consumer: str) -> int:
    """Send a consumer's parked messages back for a fresh set of attempts."""
    if not _needs_broker(settings):
        return 2
    async with open_runtime(settings) as runtime:
        count = await runtime.bus.replay_dead_letters(consumer)
    click.echo(f"Replayed {count} message(s) to {consumer}.")
    return 0


def _needs_broker(settings: Settings) -> bool:
    if settings.rabbitmq_url is None:
        click.echo(
            "Dead letters are kept by RabbitMQ; set IMMPORTAL_RABBITMQ_URL. (The in-process "
            "bus of the embedded mode keeps them in the serving process's memory.)"
        )
        return False
    return True
