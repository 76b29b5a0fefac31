-- Wrong passwords per typed email address (as a SHA-256 digest of its canonical form,
-- so no address is stored) and client network (/24 for IPv4, /48 for IPv6). Rows exist
-- for addresses no account uses too: a delayed address must answer like an unknown one.
-- A run of failures is forgotten after a day without one, or when the right password
-- is given; rows may be deleted at any time once their run is over.
CREATE TABLE password_guesses (
    address_digest text NOT NULL,
    network cidr NOT NULL,
    failures integer NOT NULL CHECK (failures > 0),
    last_failure_at timestamptz NOT NULL,
    PRIMARY KEY (address_digest, network)
);
CREATE INDEX password_guesses_last_idx ON password_guesses (last_failure_at);

-- Mails sent on request to an address or for a network (reset, confirmation, "someone
-- tried to create an account"), per fixed window, so nobody can flood an inbox.
CREATE TABLE mail_requests (
    scope text NOT NULL CHECK (scope IN ('address', 'network')),
    key text NOT NULL,
    window_start timestamptz NOT NULL,
    sent integer NOT NULL CHECK (sent > 0),
    PRIMARY KEY (scope, key, window_start)
);
CREATE INDEX mail_requests_window_idx ON mail_requests (window_start);

GRANT SELECT, INSERT, UPDATE, DELETE ON password_guesses TO {{app_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_requests TO {{app_role}};
