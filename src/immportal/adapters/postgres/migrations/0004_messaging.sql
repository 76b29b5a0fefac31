-- The relay's place in the global log, and the messages each consumer has handled.
CREATE TABLE relay_positions (
    name text PRIMARY KEY,
    position bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE processed_messages (
    consumer text NOT NULL,
    message_id text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

GRANT SELECT, INSERT, UPDATE ON relay_positions TO {{app_role}};
GRANT SELECT, INSERT, DELETE ON processed_messages TO {{app_role}};
