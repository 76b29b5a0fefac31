-- Public case-status lookups per client address per fixed time window, so that receipt
-- numbers cannot be tried in bulk. Old windows are useless once over and may be deleted.
CREATE TABLE status_lookups (
    address inet NOT NULL,
    window_start timestamptz NOT NULL,
    lookups integer NOT NULL CHECK (lookups > 0),
    PRIMARY KEY (address, window_start)
);
CREATE INDEX status_lookups_window_idx ON status_lookups (window_start);

GRANT SELECT, INSERT, UPDATE, DELETE ON status_lookups TO {{app_role}};
