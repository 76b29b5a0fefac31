-- Server-side sessions. The cookie carries an opaque id; the table keeps only its
-- SHA-256 digest, so a copy of this table (a backup, a replica) opens no session.
-- Anonymous sessions (no account) exist only to carry a CSRF token.
CREATE TABLE sessions (
    id_digest bytea PRIMARY KEY CHECK (octet_length(id_digest) = 32),
    account_id uuid,
    role text,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    idle_timeout_seconds integer NOT NULL CHECK (idle_timeout_seconds > 0),
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    csrf_token text NOT NULL CHECK (length(csrf_token) >= 43),
    user_agent text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 256),
    -- The client's /24 (IPv4) or /48 (IPv6) network: enough to say "near Boston",
    -- never the full address.
    approximate_place cidr,
    revoked_at timestamptz,
    CHECK (role IS NULL OR account_id IS NOT NULL)
);
CREATE INDEX sessions_account_idx ON sessions (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO {{app_role}};
