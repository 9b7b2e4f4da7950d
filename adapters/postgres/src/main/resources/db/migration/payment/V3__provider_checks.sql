-- reconciliation checks every payment not yet final at Stripe, each on its own backoff
ALTER TABLE payments ADD COLUMN checks int NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN check_after timestamptz;
ALTER TABLE payments ADD COLUMN final_at_provider boolean NOT NULL DEFAULT false;

CREATE INDEX payments_to_check ON payments (coalesce(check_after, updated_at))
    WHERE status IN ('PENDING', 'REQUIRES_ACTION', 'FAILED')
       OR (status = 'CANCELLED' AND NOT final_at_provider);
