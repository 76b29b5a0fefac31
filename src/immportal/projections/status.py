"""Where each projection stands: live generation, position, lag, whether a leader runs."""

from dataclasses import dataclass

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.projections.rebuild import REBUILD_LOCK_CLASS
from immportal.projections.runner import LEADER_LOCK_CLASS


@dataclass(frozen=True)
class ProjectionStatus:
    """One projection's progress through the log."""

    name: str
    generation: int
    position: int
    head: int
    leader_running: bool
    rebuilding: bool

    @property
    def lag(self) -> int:
        """Events committed but not yet projected."""
        return max(self.head - self.position, 0)


_STATUS = """
WITH held AS (
  SELECT classid, objid FROM pg_locks
   WHERE locktype = 'advisory' AND granted AND objsubid = 2
     AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
)
SELECT s.name, s.live_generation, coalesce(p.position, 0) AS position,
       (SELECT coalesce(max(notification_id), 0) FROM events) AS head,
       EXISTS (SELECT 1 FROM held WHERE classid = $1 AND objid = k.key) AS leader_running,
       EXISTS (SELECT 1 FROM held WHERE classid = $2 AND objid = k.key) AS rebuilding
  FROM projection_state s
 CROSS JOIN LATERAL (SELECT (hashtext(s.name)::bigint & 4294967295)::oid AS key) AS k
  LEFT JOIN projection_positions p ON p.name = s.name AND p.generation = s.live_generation
 ORDER BY s.name
"""


async def projection_statuses(pool: asyncpg.Pool) -> list[ProjectionStatus]:
    """The status of every registered projection."""
    with map_db_errors():
        rows = await pool.fetch(_STATUS, LEADER_LOCK_CLASS, REBUILD_LOCK_CLASS)
    return [
        ProjectionStatus(
            r["name"],
            r["live_generation"],
            r["position"],
            r["head"],
            r["leader_running"],
            r["rebuilding"],
        )
        for r in rows
    ]
