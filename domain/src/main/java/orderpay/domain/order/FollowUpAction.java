package orderpay.domain.order;

/**
 * Calls to the payment service an order transition owes, recorded in its transaction and carried
 * out after commit, so no remote call runs under an order's row lock or inside a consumer's
 * transaction, and a failing call never rolls the transition back.
 */
public enum FollowUpAction {
  /** A declined or abandoned intent is cancelled, so it can never be paid later. */
  CANCEL_PAYMENT,
  /** Money arrived for an order that is already over: give it back; the order stays as it is. */
  REFUND_PAYMENT,
  /** A paid order cannot get its units (sold meanwhile): refund it, then PAID -> REFUNDED. */
  REFUND_ORDER
}
