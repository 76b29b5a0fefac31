-- Passkeys and security keys (WebAuthn credentials): the public key and what is needed to
-- check each use (the signature counter), plus what the holder sees (name, last used).
CREATE TABLE passkeys (
    credential_id bytea PRIMARY KEY CHECK (octet_length(credential_id) BETWEEN 16 AND 1023),
    account_id uuid NOT NULL,
    public_key bytea NOT NULL,
    sign_count bigint NOT NULL DEFAULT 0,
    transports text[] NOT NULL DEFAULT '{}',
    aaguid text NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL,
    last_used_at timestamptz
);
CREATE INDEX passkeys_account_idx ON passkeys (account_id);

-- Challenges of WebAuthn ceremonies: one per session and purpose, single use (deleted when
-- taken), short-lived.
CREATE TABLE webauthn_challenges (
    session_digest bytea NOT NULL CHECK (octet_length(session_digest) = 32),
    purpose text NOT NULL,
    challenge bytea NOT NULL,
    account_id uuid,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (session_digest, purpose)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON passkeys, webauthn_challenges TO {{app_role}};
