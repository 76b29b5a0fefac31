-- Which account holds each email address (one address, one account), and the
-- single-use tokens of emailed links. Tokens are stored only as SHA-256 digests: a
-- copy of this table does not let anyone open a link.
CREATE TABLE account_emails (
    email_key text PRIMARY KEY,
    account_id uuid NOT NULL UNIQUE,
    claimed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE account_tokens (
    digest text PRIMARY KEY CHECK (digest ~ '^[0-9a-f]{64}$'),
    account_id uuid NOT NULL,
    purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    -- The account's password version when the link was sent: a reset link dies once
    -- the password changes.
    password_version integer NOT NULL CHECK (password_version >= 1),
    used_at timestamptz
);
CREATE INDEX account_tokens_account_idx ON account_tokens (account_id);

-- DELETE only gives back the claim of a registration whose save failed.
GRANT SELECT, INSERT, DELETE ON account_emails TO {{app_role}};
-- A token is only ever marked used; nothing else about it changes.
GRANT SELECT, INSERT ON account_tokens TO {{app_role}};
GRANT UPDATE (used_at) ON account_tokens TO {{app_role}};
