-- which intent each webhook event was about, so an order's timeline can show its payment's events
-- (rows from before this migration have none and show nowhere)
ALTER TABLE provider_events ADD COLUMN provider_payment_id text;
CREATE INDEX provider_events_by_intent ON provider_events (provider_payment_id, received_at)
    WHERE provider_payment_id IS NOT NULL;
