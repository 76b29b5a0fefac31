-- Projection bookkeeping. Read-model tables live in schema "read", one table per
-- generation, behind a view with the read model's name.
CREATE SCHEMA read;
GRANT USAGE, CREATE ON SCHEMA read TO {{app_role}};

CREATE TABLE projection_state (
    name text PRIMARY KEY,
    live_generation integer NOT NULL DEFAULT 1
);

CREATE TABLE projection_positions (
    name text NOT NULL,
    generation integer NOT NULL,
    position bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, generation)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON projection_state, projection_positions TO {{app_role}};
