package orderpay.adapters.kafka.inventory;

import com.google.protobuf.InvalidProtocolBufferException;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.contracts.events.v1.ProductChanged;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.Inventory;
import orderpay.domain.shared.DomainException;

/**
 * Inventory learns of products from the catalog's events: a new product brings its initial stock, a
 * deleted one can no longer be reserved. Updates never touch stock.
 */
public final class ProductEventsHandler implements EventHandler {
  private final Inventory inventory;

  public ProductEventsHandler(Inventory inventory) {
    this.inventory = inventory;
  }

  @Override
  public void handle(ReceivedEvent event) {
    ProductChanged changed;
    ProductId productId;
    try {
      changed = ProductChanged.parseFrom(event.payload());
      productId = ProductId.parse(changed.getProductId());
    } catch (InvalidProtocolBufferException | DomainException malformed) {
      throw new PoisonMessage("unreadable product.changed payload", malformed);
    }
    switch (changed.getChange()) {
      case CHANGE_CREATED -> inventory.productCreated(productId, changed.getInitialStock());
      case CHANGE_DELETED -> inventory.productDeleted(productId);
      case CHANGE_UPDATED -> {
        // price and name are the catalog's business; stock is ours and stays as it is
      }
      case CHANGE_UNSPECIFIED, UNRECOGNIZED ->
          throw new PoisonMessage("unknown product change " + changed.getChangeValue(), null);
    }
  }
}
