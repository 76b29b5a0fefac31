-- Auditors search the global log by time, event type and aggregate; the primary key
-- already serves "one aggregate" and notification_id "in order from a position".
CREATE INDEX events_recorded_at_idx ON events (recorded_at, notification_id);
CREATE INDEX events_topic_idx ON events (topic, notification_id);

-- Every staff view of a case page or document. Append-only for the application, like
-- the events: a record of who looked is worth nothing if it can be edited away.
CREATE TABLE access_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    viewer_id uuid NOT NULL,
    viewer_role text NOT NULL,
    -- Staff accounts may not belong to an office yet: null then, never a guess.
    office text,
    case_id uuid NOT NULL,
    document_id text,
    what text NOT NULL CHECK (what IN ('page', 'document', 'export')),
    at timestamptz NOT NULL DEFAULT now(),
    CHECK ((what = 'document') = (document_id IS NOT NULL))
);
CREATE INDEX access_log_case_idx ON access_log (case_id, at);
CREATE INDEX access_log_viewer_idx ON access_log (viewer_id, at);

GRANT SELECT, INSERT ON access_log TO {{app_role}};
REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM {{app_role}};
