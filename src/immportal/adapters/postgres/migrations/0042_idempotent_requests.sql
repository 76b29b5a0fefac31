-- The first outcome of each state-changing request sent with an idempotency key (the API's
-- Idempotency-Key header, a page form's own key), so a retry after a lost answer gets that
-- outcome again instead of a second effect or a conflict. Kept one day
-- (`immportal maintenance purge`): long enough for any retry, short for what a body may hold.
CREATE TABLE idempotent_requests (
    scope text NOT NULL,
    key text NOT NULL CHECK (length(key) BETWEEN 8 AND 255),
    fingerprint bytea NOT NULL CHECK (octet_length(fingerprint) = 32),
    -- NULL while the first request is still running.
    status integer,
    location text,
    content_type text,
    body bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotent_requests_created_idx ON idempotent_requests (created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON idempotent_requests TO {{app_role}};
