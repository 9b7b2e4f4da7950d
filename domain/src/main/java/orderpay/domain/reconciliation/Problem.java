package orderpay.domain.reconciliation;

import java.util.Locale;
import java.util.Objects;

/** One broken invariant in a row of the report: a stable code and what exactly is wrong. */
public record Problem(Kind kind, String message) {
  public Problem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** The invariants of the fault battery's audit, as seen from one intent, payment or order. */
  public enum Kind {
    /** The provider has an intent for an order we do not have (or for none at all). */
    ORPHAN_INTENT,
    /** We have a payment for an order we do not have. */
    ORPHAN_PAYMENT,
    /** The provider keeps money for an order that is not PAID. */
    CHARGED_NOT_PAID,
    /** The order is PAID but none of its intents succeeded. */
    PAID_NOT_CHARGED,
    /** The intent's amount is not the order's total. */
    AMOUNT_MISMATCH,
    /** More than one intent keeps money for the same order. */
    DUPLICATE_CHARGE,
    /** The provider refunded the charge but the order is still PAID. */
    REFUND_NOT_RECORDED,
    /** The order is REFUNDED but the provider still keeps (some of) the money. */
    REFUND_MISSING,
    /** The order is PAID but its units are not COMMITTED. */
    PAID_STOCK_NOT_COMMITTED,
    /** The order is not PAID but its units are COMMITTED (sold). */
    STOCK_COMMITTED_NOT_PAID,
    /** The order is over but its units are still held (RESERVED). */
    STOCK_STILL_HELD;

    /** The code clients see, e.g. {@code charged_not_paid}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
