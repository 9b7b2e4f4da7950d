package orderpay.domain.order;

/**
 * How far the placing saga got, recorded after every step so a crash can be resumed: NEW (order
 * recorded, nothing else done), RESERVED (stock held), ACCEPTED (payment started; the order is
 * announced). Every step is idempotent by order id, so resuming repeats nothing.
 */
public enum SagaStep {
  NEW,
  RESERVED,
  ACCEPTED
}
