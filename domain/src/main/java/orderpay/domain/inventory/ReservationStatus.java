package orderpay.domain.inventory;

/** RESERVED -> COMMITTED | RELEASED | EXPIRED; each ending happens at most once. */
public enum ReservationStatus {
  RESERVED,
  COMMITTED,
  RELEASED,
  EXPIRED;

  public boolean isOpen() {
    return this == RESERVED;
  }
}
