-- Signed documents (notices, payment receipts) each print a verification code and a QR
-- code linking to /verify. A code is made once per document and kept: a notice issued
-- again (a replay, a rebuilt read model) prints the same code. The facts are what /verify
-- may show anyone holding the code: never a name or an address.
CREATE TABLE document_codes (
    code text PRIMARY KEY CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{12}$'),
    document_id uuid NOT NULL UNIQUE,
    kind text NOT NULL,
    title text NOT NULL,
    -- Documents of one series on one case replace each other: the newest one stands.
    series text,
    case_id uuid NOT NULL,
    issued_at timestamptz NOT NULL,
    outcome text,
    registered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_codes_series_idx ON document_codes (case_id, series, issued_at)
    WHERE series IS NOT NULL;

GRANT SELECT, INSERT ON document_codes TO {{app_role}};
REVOKE UPDATE, DELETE, TRUNCATE ON document_codes FROM {{app_role}};

-- Public checks per client address per fixed time window, as status_lookups counts the
-- case-status lookups: document codes (/verify) and share codes (/check-status) cannot be
-- tried in bulk. Old windows are useless once over and may be deleted.
CREATE TABLE document_lookups (
    address inet NOT NULL,
    window_start timestamptz NOT NULL,
    lookups integer NOT NULL CHECK (lookups > 0),
    PRIMARY KEY (address, window_start)
);
CREATE INDEX document_lookups_window_idx ON document_lookups (window_start);

CREATE TABLE share_code_checks (
    address inet NOT NULL,
    window_start timestamptz NOT NULL,
    lookups integer NOT NULL CHECK (lookups > 0),
    PRIMARY KEY (address, window_start)
);
CREATE INDEX share_code_checks_window_idx ON share_code_checks (window_start);

GRANT SELECT, INSERT, UPDATE, DELETE ON document_lookups, share_code_checks TO {{app_role}};
