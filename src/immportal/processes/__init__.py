"""Log followers with side effects: the relay, the appointment booker, the notice issuer."""
