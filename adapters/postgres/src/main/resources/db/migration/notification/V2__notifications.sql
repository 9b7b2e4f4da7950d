-- Each row is one message; recorded in the consumer's transaction, then sent by the dispatcher.
CREATE TABLE notifications (
    id               uuid        PRIMARY KEY,
    dedup_key        text        NOT NULL UNIQUE,   -- event id + template, or the caller's idempotency key
    user_id          uuid,
    order_id         uuid,
    channel          text        NOT NULL CHECK (channel IN ('email', 'sms')),
    template         text        NOT NULL,
    recipient        text,
    subject          text        NOT NULL,
    text_body        text        NOT NULL,
    html_body        text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         int         NOT NULL DEFAULT 0,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    source_event_id  text,
    source_topic     text,
    source_key       text,
    source_type      text,
    source_payload   bytea
);

CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC);
