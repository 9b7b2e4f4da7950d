package orderpay.adapters.kafka.inventory;

import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.contracts.events.v1.ReservationExpired;
import orderpay.domain.shared.DomainEvent;

public final class InventoryEventSerializer implements EventSerializer {
  public static final String RESERVATION_EXPIRED = "inventory.reservation-expired";

  @Override
  public Serialized serialize(DomainEvent event) {
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
