-- What happened to each order, written in the transaction of what it records (a transition, a saga
-- step, an owed call, a sweep, an event applied or published): an operator's timeline. A
-- transaction's entries go in as one statement. No foreign key: an entry costs one index insert.
CREATE TABLE order_history (
    order_id      uuid        NOT NULL,
    seq           bigint      GENERATED ALWAYS AS IDENTITY,
    at            timestamptz NOT NULL,
    kind          text        NOT NULL,
    detail        text        NOT NULL DEFAULT '',
    trace_parent  text,
    PRIMARY KEY (order_id, seq)
);
