-- the request behind an idempotency key: the same key with another body is refused (422)
ALTER TABLE orders ADD COLUMN request_fingerprint text;

-- a sweep (recovery, expiry) that failed on an order retries it later, with backoff
ALTER TABLE orders ADD COLUMN sweep_failures int NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN sweep_after timestamptz;

-- open orders per user, for the per-user limits
CREATE INDEX orders_pending_by_user ON orders (user_id) WHERE status = 'PENDING';

-- calls to the payment service an order transition owes, run after its commit (a command outbox)
CREATE TABLE order_follow_ups (
    order_id     uuid        NOT NULL REFERENCES orders (id),
    action       text        NOT NULL CHECK (action IN ('CANCEL_PAYMENT', 'REFUND_PAYMENT', 'REFUND_ORDER')),
    due_at       timestamptz NOT NULL,
    attempts     int         NOT NULL DEFAULT 0,
    last_error   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    done_at      timestamptz,
    PRIMARY KEY (order_id, action)
);
CREATE INDEX order_follow_ups_due ON order_follow_ups (due_at) WHERE done_at IS NULL;
