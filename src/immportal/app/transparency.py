"""The transparency log's worker and services, built from a process's runtime."""

from immportal.adapters.postgres.event_leaves import PostgresEventLeaves
from immportal.adapters.postgres.merkle_tree import PostgresCheckpoints, PostgresTreeNodes
from immportal.app.checkpoint_keys import checkpoint_keyring, checkpoint_origin
from immportal.app.container import Runtime
from immportal.processes.checkpoints import CheckpointPublisher
from immportal.processes.tree_follower import TreeFollower
from immportal.services.transparency.proofs import TransparencyLog


def tree_follower(runtime: Runtime) -> TreeFollower:
    """The worker growing the Merkle tree and signing checkpoints (SigningKeyProblem if no key)."""
    settings = runtime.settings
    publisher = CheckpointPublisher(
        origin=checkpoint_origin(settings),
        keyring=checkpoint_keyring(settings, signing=True),
        blobs=runtime.blobs,
    )
    return TreeFollower(
        dsn=runtime.dsn,
        role=settings.database_app_role,
        store=runtime.store,
        notifier=runtime.notifier,
        publisher=publisher,
        every_events=settings.checkpoint_every_events,
        every_seconds=settings.checkpoint_every_seconds,
        batch_size=settings.transparency_batch_size,
        idle_wait=settings.projection_idle_wait,
    )


def transparency_log(runtime: Runtime, *, with_keys: bool = True) -> TransparencyLog:
    """Checkpoints, proofs and (unless told otherwise) the published keys, over this pool."""
    keys = checkpoint_keyring(runtime.settings, signing=False).published() if with_keys else ""
    return TransparencyLog(
        PostgresTreeNodes(runtime.pool),
        PostgresEventLeaves(runtime.store),
        PostgresCheckpoints(runtime.pool),
        keys,
    )
