CREATE TABLE products (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  text        NOT NULL DEFAULT '',
    price_minor  bigint      NOT NULL CHECK (price_minor > 0),
    currency     char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz
);

-- keyset paging over live products in id (= creation, UUIDv7) order
CREATE INDEX products_live_by_id ON products (id) WHERE deleted_at IS NULL;
