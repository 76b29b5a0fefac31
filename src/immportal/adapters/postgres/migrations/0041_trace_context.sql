-- The W3C trace context (traceparent) of the request that appended each event, so the
-- relay's message and the consumer's work join the command's trace. Operational metadata:
-- random ids only, no personal data, and outside the hash chain (it is not part of what
-- the event says). NULL when tracing is off.
ALTER TABLE events ADD COLUMN trace_context text;
