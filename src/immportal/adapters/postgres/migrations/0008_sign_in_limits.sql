-- Failed sign-ins per client network (/24 for IPv4, /48 for IPv6) per fixed time window.
-- Only failures are counted; a network over the limit is refused before any password
-- is checked. Old windows are useless once over and may be deleted at any time.
CREATE TABLE sign_in_failures (
    network cidr NOT NULL,
    window_start timestamptz NOT NULL,
    failures integer NOT NULL CHECK (failures > 0),
    PRIMARY KEY (network, window_start)
);
CREATE INDEX sign_in_failures_window_idx ON sign_in_failures (window_start);

-- When an account was last told by email that its sign-in is delayed: one notice per
-- delay period at most, claimed atomically so that racing requests send it once.
CREATE TABLE sign_in_lock_notices (
    account_id uuid PRIMARY KEY,
    sent_at timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_failures TO {{app_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_lock_notices TO {{app_role}};
