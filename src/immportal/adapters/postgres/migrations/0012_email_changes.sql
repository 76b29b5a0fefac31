-- Changing an account's email address. The new address is reserved in the email index
-- (a row with reserved_until) from the moment the link is sent to it, so no other
-- account can take it meanwhile; a reservation past its time is free for anyone. When
-- the link is opened and the change recorded, the reservation becomes the account's
-- address (reserved_until NULL) and the old address is deleted. Sign-in reads only held
-- addresses: one per account.
ALTER TABLE account_emails DROP CONSTRAINT account_emails_account_id_key;
ALTER TABLE account_emails ADD COLUMN reserved_until timestamptz;
CREATE UNIQUE INDEX account_emails_held_idx ON account_emails (account_id)
    WHERE reserved_until IS NULL;
CREATE INDEX account_emails_account_idx ON account_emails (account_id);

-- What a change-email link stands for: the new address, and the account's version
-- when it was asked for (a later email change kills the link).
CREATE TABLE email_changes (
    digest text PRIMARY KEY REFERENCES account_tokens (digest),
    account_id uuid NOT NULL,
    email text NOT NULL,
    requested_at_version integer NOT NULL CHECK (requested_at_version >= 1)
);

ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check CHECK (
    purpose IN (
        'verify_email', 'reset_password', 'recover_account', 'recover_finish', 'recover_cancel',
        'change_email'
    )
);

GRANT UPDATE (reserved_until) ON account_emails TO {{app_role}};
GRANT SELECT, INSERT ON email_changes TO {{app_role}};
