"""Where the payment provider sends people and webhooks back to."""

WEBHOOK_PATH = "/payments/webhook"
RETURN_PATH = "/payments/return"
