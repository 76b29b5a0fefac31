-- How far a session has signed in. A session is signed in only once both steps are
-- done: the password (password_checked_at) and then the second factor (second_factor_at).
ALTER TABLE sessions
    ADD COLUMN password_checked_at timestamptz,
    ADD COLUMN second_factor_at timestamptz,
    -- New recovery codes, held for the pages that show them once and dropped when the
    -- person says they saved them. Sealed with a key derived from the session id, which
    -- the table does not hold, so a copy of this table reveals no code.
    ADD COLUMN sealed_recovery_codes bytea,
    ADD CONSTRAINT sessions_password_needs_account
        CHECK (password_checked_at IS NULL OR account_id IS NOT NULL),
    ADD CONSTRAINT sessions_second_factor_needs_password
        CHECK (second_factor_at IS NULL OR password_checked_at IS NOT NULL);
