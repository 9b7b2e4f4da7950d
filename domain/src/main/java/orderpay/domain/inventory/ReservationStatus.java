package orderpay.domain.inventory;

/**
 * RESERVED -> COMMITTED | RELEASED | EXPIRED; COMMITTED -> RETURNED (refunded goods back on the
 * shelf). Each happens at most once.
 */
public enum ReservationStatus {
  RESERVED,
  COMMITTED,
  RELEASED,
  EXPIRED,
  RETURNED;

  public boolean isOpen() {
    return this == RESERVED;
  }
}
