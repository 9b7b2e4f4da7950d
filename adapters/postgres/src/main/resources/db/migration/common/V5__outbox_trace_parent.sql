-- The outbox row keeps the W3C trace context (traceparent) of the work that raised the event, so the
-- relay's Kafka record and its consumers continue that trace. It held a bare trace id before.
ALTER TABLE outbox RENAME COLUMN trace_id TO trace_parent;
