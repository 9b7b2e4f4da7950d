-- The database itself refuses to oversell: no code path can break these.
CREATE TABLE stock_items (
    product_id    uuid        PRIMARY KEY,
    on_hand       bigint      NOT NULL,
    reserved      bigint      NOT NULL DEFAULT 0,
    discontinued  boolean     NOT NULL DEFAULT false,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reserved_not_negative CHECK (reserved >= 0),
    CONSTRAINT on_hand_covers_reserved CHECK (on_hand >= reserved)
);

CREATE TABLE reservations (
    order_id    uuid        PRIMARY KEY,
    status      text        NOT NULL CHECK (status IN ('RESERVED', 'COMMITTED', 'RELEASED', 'EXPIRED')),
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX reservations_open_by_expiry ON reservations (expires_at) WHERE status = 'RESERVED';

CREATE TABLE reservation_lines (
    order_id    uuid   NOT NULL REFERENCES reservations (order_id),
    product_id  uuid   NOT NULL,
    quantity    bigint NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
