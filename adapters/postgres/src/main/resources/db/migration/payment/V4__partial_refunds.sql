-- refunds made at Stripe (a partial one keeps the payment SUCCEEDED)
ALTER TABLE payments ADD COLUMN amount_refunded_minor bigint NOT NULL DEFAULT 0
    CHECK (amount_refunded_minor >= 0 AND amount_refunded_minor <= amount_minor);
