-- The trace context (W3C traceparent) of the event that asked for the message: its sending joins
-- that trace, so one order's trace runs from the POST to both emails sent.
ALTER TABLE notifications ADD COLUMN trace_parent text;
