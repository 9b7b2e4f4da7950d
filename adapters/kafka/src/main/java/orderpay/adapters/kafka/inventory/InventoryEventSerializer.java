package orderpay.adapters.kafka.inventory;

import static orderpay.adapters.kafka.KafkaTopics.COMMIT_REFUSED;
import static orderpay.adapters.kafka.KafkaTopics.RESERVATION_EXPIRED;

import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.contracts.events.v1.CommitRefused;
import orderpay.contracts.events.v1.ReservationExpired;
import orderpay.contracts.events.v1.StockShortage;
import orderpay.domain.shared.DomainEvent;

public final class InventoryEventSerializer implements EventSerializer {
  @Override
  public Serialized serialize(DomainEvent event) {
    if (event instanceof orderpay.domain.inventory.CommitRefused refused) {
      var message = CommitRefused.newBuilder().setOrderId(refused.orderId().toString());
      refused
          .shortages()
          .forEach(
              s ->
                  message.addShortages(
                      StockShortage.newBuilder()
                          .setProductId(s.productId().toString())
                          .setRequested(s.requested())
                          .setAvailable(s.available())));
      return new Serialized(COMMIT_REFUSED, "CommitRefused", message.build().toByteArray());
    }
    if (event instanceof orderpay.domain.inventory.ReservationExpired expired) {
      return new Serialized(
          RESERVATION_EXPIRED,
          "ReservationExpired",
          ReservationExpired.newBuilder()
              .setOrderId(expired.orderId().toString())
              .build()
              .toByteArray());
    }
    throw new IllegalArgumentException(
        "the inventory service does not publish " + event.getClass());
  }
}
