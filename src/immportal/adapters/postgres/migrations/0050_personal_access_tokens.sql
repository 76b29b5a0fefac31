-- Personal access tokens: programs call the JSON API with `Authorization: Bearer`. Only a
-- SHA-256 digest of each token is kept (the token is shown once, when made). The window
-- columns count requests in the current minute, for the per-token rate limit shared by
-- every web process; `networks` holds the /24 (or /48) networks the token was used from,
-- so that use from a new one can be told to the holder.
CREATE TABLE personal_access_tokens (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL,
    role text NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    digest bytea NOT NULL UNIQUE CHECK (octet_length(digest) = 32),
    scopes text[] NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    last_used_at timestamptz,
    networks cidr[] NOT NULL DEFAULT '{}',
    window_started_at timestamptz,
    window_count integer NOT NULL DEFAULT 0,
    revoked_at timestamptz
);
CREATE INDEX personal_access_tokens_account_idx ON personal_access_tokens (account_id);

GRANT SELECT, INSERT, UPDATE ON personal_access_tokens TO {{app_role}};
