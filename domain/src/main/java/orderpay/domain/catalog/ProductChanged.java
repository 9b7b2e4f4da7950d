package orderpay.domain.catalog;

import java.time.Instant;
import orderpay.domain.shared.DomainEvent;

/** Published for every catalog change, in order per product. Stock is never part of it. */
public sealed interface ProductChanged extends DomainEvent {
  Product product();

  @Override
  default String aggregateId() {
    return product().id().toString();
  }

  record Created(Product product, long initialStock, Instant occurredAt)
      implements ProductChanged {}

  record Updated(Product product, Instant occurredAt) implements ProductChanged {}

  record Deleted(Product product, Instant occurredAt) implements ProductChanged {}
}
