-- Idempotency keys of payment forms: each key names one payment for good, so a double
-- click (or a retried request) finds the payment the first one started.
CREATE TABLE payment_keys (
    idempotency_key text PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 16 AND 100),
    payment_id uuid NOT NULL UNIQUE,
    case_id uuid NOT NULL,
    payer_id text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_keys_case ON payment_keys (case_id, created_at);

-- Webhook deliveries already handled, so a replayed delivery has no second effect.
CREATE TABLE payment_webhook_events (
    event_id text PRIMARY KEY,
    handled_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT ON payment_keys, payment_webhook_events TO {{app_role}};
