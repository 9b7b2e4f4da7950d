package orderpay.domain.order;

/** PENDING -> PAID | FAILED | CANCELLED; PAID -> REFUNDED. Nothing else moves. */
public enum OrderStatus {
  PENDING,
  PAID,
  FAILED,
  CANCELLED,
  REFUNDED;

  public boolean canMoveTo(OrderStatus next) {
    return switch (this) {
      case PENDING -> next == PAID || next == FAILED || next == CANCELLED;
      case PAID -> next == REFUNDED;
      case FAILED, CANCELLED, REFUNDED -> false;
    };
  }

  public boolean isTerminal() {
    return switch (this) {
      case PENDING, PAID -> false;
      case FAILED, CANCELLED, REFUNDED -> true;
    };
  }
}
