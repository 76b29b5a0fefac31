-- Attempts to add a paper case to an account (receipt number and online access code),
-- counted per subject ('account:<id>' or 'network:<address>') per fixed time window, so
-- access codes cannot be guessed. Old windows are useless once over and may be deleted.
CREATE TABLE paper_case_attempts (
    subject text NOT NULL,
    window_start timestamptz NOT NULL,
    attempts integer NOT NULL CHECK (attempts > 0),
    PRIMARY KEY (subject, window_start)
);
CREATE INDEX paper_case_attempts_window_idx ON paper_case_attempts (window_start);

GRANT SELECT, INSERT, UPDATE, DELETE ON paper_case_attempts TO {{app_role}};
