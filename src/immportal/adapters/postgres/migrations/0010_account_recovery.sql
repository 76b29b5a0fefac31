-- Account recovery after a lost second factor. Each attempt is an AccountRecovery
-- aggregate in the event log; this table only says which attempt is open for each
-- account, so that an account has at most one and administrators can list them. A row
-- is claimed when an attempt opens and deleted when it is cancelled or completed.
CREATE TABLE account_recovery_claims (
    account_id uuid PRIMARY KEY,
    recovery_id uuid NOT NULL UNIQUE,
    claimed_at timestamptz NOT NULL
);
CREATE INDEX account_recovery_claims_claimed_idx ON account_recovery_claims (claimed_at);

GRANT SELECT, INSERT, DELETE ON account_recovery_claims TO {{app_role}};

-- The links of a recovery: the first one (to give the proof), the one that finishes it
-- after the wait, and "this wasn't me", which cancels it.
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check CHECK (
    purpose IN (
        'verify_email', 'reset_password', 'recover_account', 'recover_finish', 'recover_cancel'
    )
);
