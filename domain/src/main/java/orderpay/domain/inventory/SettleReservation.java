package orderpay.domain.inventory;

import java.util.Optional;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.OrderOutcome;

/**
 * Stock follows the order: paid commits, failed or cancelled releases, refunded puts sold units
 * back. What the order events ask of the inventory.
 */
public record SettleReservation(CommitStock commit, ReleaseStock release, ReturnStock returnStock) {

  /**
   * Empty when that changes no stock: nothing was reserved (refused on the spot), or the
   * reservation already ended otherwise (events of different topics arriving out of order). A paid
   * order whose units cannot be had any more is announced by {@link CommitStock#commit}.
   */
  public Optional<Reservation> settle(OrderId orderId, OrderOutcome outcome) {
    try {
      return Optional.of(
          switch (outcome) {
            case PAID -> commit.commit(orderId);
            case FAILED, CANCELLED -> release.release(orderId);
            case REFUNDED -> returnStock.returnStock(orderId);
          });
    } catch (DomainException e) {
      if (e.kind() == ErrorKind.NOT_FOUND || e.kind() == ErrorKind.INVALID_STATE) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
