"""`immportal audit verify|prove|export|new-key|new-document-ca`: check and prove the log, write
a history, make signing keys."""

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import aiohttp
import click

from immportal.adapters.postgres.audit_queries import PostgresAuditLog
from immportal.adapters.postgres.chain_verifier import verify_chain
from immportal.adapters.postgres.event_leaves import PostgresEventLeaves
from immportal.adapters.postgres.merkle_tree import PostgresTreeNodes
from immportal.adapters.signing.document_certificates import (
    CHAIN_FILE,
    KEY_FILE,
    development_identity,
    write_identity,
)
from immportal.adapters.signing.keyring import KeysFileError, generate_key
from immportal.app.checkpoint_keys import add_key, checkpoint_keyring, checkpoint_origin
from immportal.app.cli.context import CommandGroup, pass_settings, run
from immportal.app.container import open_runtime
from immportal.app.transparency import transparency_log
from immportal.errors import NotFound
from immportal.services.audit.export import HISTORY_FIELDS, csv_lines, history_row, json_lines
from immportal.services.audit.history import case_history
from immportal.services.notices.content import ISSUER
from immportal.services.transparency.log_check import LogCheck, check_log
from immportal.settings import Settings
from immportal.transparency_verify import (
    VerificationFailed,
    VerifierKey,
    open_checkpoint,
    parse_time,
    read_keys,
)

FETCH_SECONDS = 30


@click.group(cls=CommandGroup, help="audit tools")
def audit() -> None:
    """The auditors' commands."""


@audit.command(help="recompute the event hash chain (and check the log against a checkpoint)")
@click.option(
    "--checkpoint", metavar="FILE|URL", help="a checkpoint saved earlier: the log must match it"
)
@click.option(
    "--keys", metavar="FILE|URL", help="the public keys to trust (default: the configured ones)"
)
@pass_settings
def verify(settings: Settings, checkpoint: str | None, keys: str | None) -> None:
    """Recompute the hash chain (and the Merkle tree up to a checkpoint); exit 1 if broken."""
    run(audit_verify(settings, checkpoint, keys))


@audit.command(help="print an inclusion or consistency proof as JSON")
@click.option("--position", type=click.IntRange(min=1), help="the event's position in the log")
@click.option(
    "--size", type=click.IntRange(min=1), help="the tree size (default: latest checkpoint)"
)
@click.option("--from", "first", type=click.IntRange(min=1), help="the older tree size")
@click.option("--to", "second", type=click.IntRange(min=1), help="the newer tree size")
@pass_settings
def prove(
    settings: Settings,
    position: int | None,
    size: int | None,
    first: int | None,
    second: int | None,
) -> None:
    """Print the proof that an event is in the tree, or that one tree size extends another."""
    if position is not None and first is None and second is None:
        run(audit_prove(settings, inclusion=(position, size)))
    if position is None and size is None and first is not None and second is not None:
        run(audit_prove(settings, consistency=(first, second)))
    raise click.UsageError("give either --position [--size] or --from and --to")


@audit.command(help="write one case's history to standard output")
@click.option("--case", "case_id", required=True, type=click.UUID, help="the case id")
@click.option("--format", "output", type=click.Choice(["jsonl", "csv"]), default="jsonl")
@pass_settings
def export(settings: Settings, case_id: UUID, output: str) -> None:
    """Write one case's history as JSON Lines or CSV."""
    run(audit_export(settings, case_id, output))


@audit.command(name="new-key", help="add a checkpoint signing key to a keys file")
@click.option(
    "--keys-file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="made (readable by you only) if missing",
)
@click.option("--name", help="the key's name (default: the log's origin)")
@click.option(
    "--valid-from", metavar="TIME", help="when it starts signing, ISO 8601 (default: now)"
)
@pass_settings
def new_key(settings: Settings, keys_file: Path, name: str | None, valid_from: str | None) -> None:
    """Add a new key; it signs from its start, and the key before it is retired then."""
    try:
        start = parse_time(valid_from) if valid_from else datetime.now(UTC).replace(microsecond=0)
        key = generate_key(name or checkpoint_origin(settings), start)
    except (VerificationFailed, KeysFileError) as refused:
        raise click.UsageError(str(refused)) from None
    add_key(keys_file, key)
    click.echo(f"Added to {keys_file}; it signs from {start:%Y-%m-%dT%H:%M:%SZ}. Its public key:")
    click.echo(VerifierKey(key.name, key.public_key).line())


@audit.command(
    name="new-document-ca",
    help="make a CA and a document-signing certificate in a folder (local stacks, tests)",
)
@click.option(
    "--folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="made, readable by you only; left as it is if it exists",
)
def new_document_ca(folder: Path) -> None:
    """A self-made CA: readers trust it only if told to, so production brings its own."""
    if not write_identity(folder, development_identity(ISSUER, datetime.now(UTC))):
        click.echo(f"{folder} exists: left as it is.")
        return
    click.echo(
        f"Made {folder / KEY_FILE} and {folder / CHAIN_FILE}: set"
        " IMMPORTAL_DOCUMENT_SIGNING_KEY_FILE and IMMPORTAL_DOCUMENT_SIGNING_CHAIN_FILE to them."
        " The chain's last certificate is the CA that PDF readers must be told to trust."
    )


async def audit_verify(settings: Settings, checkpoint: str | None, keys: str | None) -> int:
    """Recompute the hash chain, then compare the log with the checkpoint if one is given."""
    head = None
    if checkpoint is not None:
        try:
            trusted = read_keys(await read_source(keys)) if keys else _configured(settings)
            head = open_checkpoint(await read_source(checkpoint), trusted)
        except (VerificationFailed, OSError, aiohttp.ClientError) as failure:
            click.echo(f"Checkpoint NOT verified: {failure}")
            return 1
    async with open_runtime(settings) as runtime:
        report = await verify_chain(runtime.store)
        check = None
        if head is not None:
            leaves, tree = PostgresEventLeaves(runtime.store), PostgresTreeNodes(runtime.pool)
            check = await check_log(leaves, tree, head.size, head.root)
    if report.intact:
        click.echo(f"Hash chain intact: {report.checked} events verified.")
    else:
        click.echo(
            f"Hash chain BROKEN at position {report.first_broken}: {report.problem} "
            f"({report.checked} events verified before it)."
        )
    if check is not None and head is not None:
        click.echo(_describe(check, f"{head.origin} at {head.size}, signed by {head.key.name}"))
    return 0 if report.intact and (check is None or check.intact) else 1


def _configured(settings: Settings) -> list[VerifierKey]:
    return checkpoint_keyring(settings, signing=False).verifiers()


def _describe(check: LogCheck, checkpoint: str) -> str:
    if check.intact:
        return f"Log matches the checkpoint ({checkpoint}): {check.size} events."
    where = f"position {check.first_different}"
    if check.last_suspect != check.first_different:
        where = f"positions {check.first_different}-{check.last_suspect}"
    return f"Log DIFFERS from the checkpoint ({checkpoint}) at {where}: {check.problem}."


async def read_source(source: str) -> str:
    """A file's text, or an http(s) URL's body."""
    if not source.startswith(("http://", "https://")):
        return await asyncio.to_thread(Path(source).read_text, encoding="utf-8")
    timeout = aiohttp.ClientTimeout(total=FETCH_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session, session.get(source) as response:
        response.raise_for_status()
        return await response.text()


async def audit_prove(
    settings: Settings,
    *,
    inclusion: tuple[int, int | None] | None = None,
    consistency: tuple[int, int] | None = None,
) -> int:
    """Print one proof as JSON (the API's form, which the standalone verifier reads)."""
    async with open_runtime(settings) as runtime:
        log = transparency_log(runtime, with_keys=False)
        try:
            if inclusion is not None:
                found = (await log.inclusion(*inclusion, with_event=True)).as_json()
            elif consistency is not None:
                found = (await log.consistency(*consistency)).as_json()
            else:
                raise ValueError("no proof asked for")
        except NotFound as refused:
            click.echo(f"immportal: {refused}", err=True)
            return 1
    click.echo(json.dumps(found, indent=2))
    return 0


async def audit_export(settings: Settings, case_id: UUID, output: str) -> int:
    """Print the case's history (the same rows as the auditor page's downloads)."""
    async with open_runtime(settings) as runtime:
        log = PostgresAuditLog(runtime.pool, runtime.store.mapper)
        try:
            entries = await case_history(log, case_id)
        except NotFound:
            click.echo(f"immportal: no case {case_id}", err=True)
            return 1
    rows = [history_row(entry) for entry in entries]
    if output == "csv":
        click.echo(csv_lines(rows, HISTORY_FIELDS, header=True), nl=False)
    else:
        click.echo(json_lines(rows), nl=False)
    return 0
