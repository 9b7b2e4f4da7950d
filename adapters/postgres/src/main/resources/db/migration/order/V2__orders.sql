CREATE TABLE orders (
    id                   uuid        PRIMARY KEY,
    user_id              uuid        NOT NULL,
    idempotency_key      text,
    status               text        NOT NULL CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'CANCELLED', 'REFUNDED')),
    saga_step            text        NOT NULL CHECK (saga_step IN ('NEW', 'RESERVED', 'ACCEPTED')),
    shipping_address     text        NOT NULL,
    payment_method       text,
    total_minor          bigint      NOT NULL CHECK (total_minor > 0),
    currency             char(3)     NOT NULL,
    payment_id           text,
    payment_status       text,
    payment_provider     text,
    provider_payment_id  text,
    client_secret        text,
    failure_reason       text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

-- the same Idempotency-Key from the same user is one order, whatever races
CREATE UNIQUE INDEX orders_idempotency ON orders (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX orders_by_user ON orders (user_id, id DESC);
CREATE INDEX orders_pending ON orders (created_at) WHERE status = 'PENDING';

CREATE TABLE order_lines (
    order_id          uuid   NOT NULL REFERENCES orders (id),
    line_no           int    NOT NULL,
    product_id        uuid   NOT NULL,
    name              text   NOT NULL,
    quantity          bigint NOT NULL CHECK (quantity > 0),
    unit_price_minor  bigint NOT NULL CHECK (unit_price_minor > 0),
    PRIMARY KEY (order_id, line_no)
);
