-- The global event log. Columns match eventsourcing's PostgreSQL application
-- recorder (originator_id, originator_version, topic, state, notification_id) so the
-- library can read it; recorded_at and chain_hash are ours.
DO $$
BEGIN
    CREATE ROLE {{app_role}} NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- roles are cluster-wide: another database already made it
END
$$;

CREATE TABLE events (
    originator_id uuid NOT NULL,
    originator_version bigint NOT NULL CHECK (originator_version >= 1),
    topic text NOT NULL,
    state bytea NOT NULL,
    notification_id bigint NOT NULL CHECK (notification_id >= 1),
    recorded_at timestamptz NOT NULL,
    chain_hash bytea NOT NULL CHECK (octet_length(chain_hash) = 32),
    PRIMARY KEY (originator_id, originator_version)
);
CREATE UNIQUE INDEX events_notification_id_idx ON events (notification_id);

GRANT USAGE ON SCHEMA public TO {{app_role}};
-- Append-only for the application: corrections are new events, never edits.
GRANT SELECT, INSERT ON events TO {{app_role}};
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM {{app_role}};
