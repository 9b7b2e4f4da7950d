package orderpay.adapters.kafka.catalog;

import static orderpay.adapters.kafka.KafkaTopics.PRODUCT_CHANGED;

import orderpay.adapters.kafka.EventMoney;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.contracts.events.v1.ProductChanged;
import orderpay.domain.shared.DomainEvent;

/** The product service's events: every change on {@code product.changed}, keyed by product id. */
public final class ProductEventSerializer implements EventSerializer {
  @Override
  public Serialized serialize(DomainEvent event) {
    if (!(event instanceof orderpay.domain.catalog.ProductChanged changed)) {
      throw new IllegalArgumentException(
          "the product service does not publish " + event.getClass());
    }
    var product = changed.product();
    var payload =
        ProductChanged.newBuilder()
            .setProductId(product.id().toString())
            .setName(product.name())
            .setPrice(EventMoney.of(product.price()));
    String type =
        switch (changed) {
          case orderpay.domain.catalog.ProductChanged.Created created -> {
            payload
                .setChange(ProductChanged.Change.CHANGE_CREATED)
                .setInitialStock(created.initialStock());
            yield "ProductCreated";
          }
          case orderpay.domain.catalog.ProductChanged.Updated updated -> {
            payload.setChange(ProductChanged.Change.CHANGE_UPDATED);
            yield "ProductUpdated";
          }
          case orderpay.domain.catalog.ProductChanged.Deleted deleted -> {
            payload.setChange(ProductChanged.Change.CHANGE_DELETED);
            yield "ProductDeleted";
          }
        };
    return new Serialized(PRODUCT_CHANGED, type, payload.build().toByteArray());
  }
}
