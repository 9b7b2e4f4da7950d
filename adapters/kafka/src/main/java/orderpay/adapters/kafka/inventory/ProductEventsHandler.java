package orderpay.adapters.kafka.inventory;

import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.contracts.events.v1.ProductChanged;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.TrackProducts;

/**
 * Inventory learns of products from the catalog's events: a new product brings its initial stock, a
 * deleted one can no longer be reserved. Updates never touch stock.
 */
public record ProductEventsHandler(TrackProducts products) implements EventHandler {
  /** What a product change asks of the stock, read from the payload before anything is done. */
  private sealed interface StockChange {
    record Track(ProductId productId, long initialStock) implements StockChange {}

    record Retire(ProductId productId) implements StockChange {}

    /** Price and name are the catalog's business; stock is ours and stays as it is. */
    record Keep() implements StockChange {}
  }

  @Override
  public void handle(ReceivedEvent event) {
    switch (event.read(ProductChanged::parseFrom, ProductEventsHandler::stockChange)) {
      case StockChange.Track(var productId, var initialStock) ->
          products.track(productId, initialStock);
      case StockChange.Retire(var productId) -> products.discontinue(productId);
      case StockChange.Keep() -> {}
    }
  }

  private static StockChange stockChange(ProductChanged changed) {
    var productId = ProductId.parse(changed.getProductId()); // every change names a product
    return switch (changed.getChange()) {
      case CHANGE_CREATED -> new StockChange.Track(productId, changed.getInitialStock());
      case CHANGE_DELETED -> new StockChange.Retire(productId);
      case CHANGE_UPDATED -> new StockChange.Keep();
      case CHANGE_UNSPECIFIED, UNRECOGNIZED ->
          throw new PoisonMessage("unknown product change " + changed.getChangeValue(), null);
    };
  }
}
