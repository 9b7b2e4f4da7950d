package orderpay.adapters.kafka.inventory;

import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.contracts.events.v1.ProductChanged;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.Inventory;

/**
 * Inventory learns of products from the catalog's events: a new product brings its initial stock, a
 * deleted one can no longer be reserved. Updates never touch stock.
 */
public record ProductEventsHandler(Inventory inventory) implements EventHandler {
  private record Change(ProductChanged changed, ProductId productId) {}

  @Override
  public void handle(ReceivedEvent event) {
    var change =
        event.read(
            bytes -> {
              var changed = ProductChanged.parseFrom(bytes);
              return new Change(changed, ProductId.parse(changed.getProductId()));
            });
    var changed = change.changed();
    var productId = change.productId();
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
