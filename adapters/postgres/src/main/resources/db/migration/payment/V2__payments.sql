CREATE TABLE payments (
    id                   text        PRIMARY KEY,
    order_id             uuid        NOT NULL UNIQUE,
    user_id              uuid        NOT NULL,
    amount_minor         bigint      NOT NULL CHECK (amount_minor > 0),
    currency             char(3)     NOT NULL,
    status               text        NOT NULL CHECK (status IN ('PENDING', 'REQUIRES_ACTION', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUNDED')),
    provider             text        NOT NULL,
    provider_payment_id  text        UNIQUE,
    client_secret        text,
    failure_reason       text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

CREATE INDEX payments_open ON payments (updated_at) WHERE status IN ('PENDING', 'REQUIRES_ACTION');

-- each Stripe event id is applied once; duplicates are acknowledged and ignored
CREATE TABLE provider_events (
    event_id     text        PRIMARY KEY,
    type         text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);
