package orderpay.domain.inventory;

import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.DomainException;

/**
 * Stock of one product: {@code available = onHand - reserved}, never negative. Immutable: every
 * rule returns the next state, which the repository writes with a guarded update.
 */
public record StockItem(ProductId productId, long onHand, long reserved) {
  public StockItem {
    if (reserved < 0 || onHand < reserved) {
      throw new IllegalStateException(
          "stock invariant broken for "
              + productId
              + ": on_hand="
              + onHand
              + " reserved="
              + reserved);
    }
  }

  public long available() {
    return onHand - reserved;
  }

  public boolean canReserve(long quantity) {
    return quantity > 0 && quantity <= available();
  }

  public StockItem reserve(long quantity) {
    if (!canReserve(quantity)) {
      throw new InsufficientStock(
          java.util.List.of(new InsufficientStock.Shortage(productId, quantity, available())));
    }
    return new StockItem(productId, onHand, reserved + quantity);
  }

  public StockItem release(long quantity) {
    return new StockItem(productId, onHand, reserved - quantity);
  }

  /** Reserved units leave the shelf: both counts drop. */
  public StockItem commit(long quantity) {
    return new StockItem(productId, onHand - quantity, reserved - quantity);
  }

  /** An admin's physical count; cannot drop below what customers hold reserved. */
  public StockItem recount(long newOnHand) {
    if (newOnHand < 0) {
      throw DomainException.invalidField("on_hand", "on_hand must not be negative");
    }
    if (newOnHand < reserved) {
      throw DomainException.invalidState(
          "on_hand " + newOnHand + " is below the " + reserved + " units reserved");
    }
    return new StockItem(productId, newOnHand, reserved);
  }
}
