package orderpay.apps.inventory;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.inventory.InventoryGrpcService;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.kafka.inventory.InventoryEventSerializer;
import orderpay.adapters.kafka.inventory.OrderEventsHandler;
import orderpay.adapters.kafka.inventory.ProductEventsHandler;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.inventory.JdbiReservationRepository;
import orderpay.adapters.postgres.inventory.JdbiStockRepository;
import orderpay.apps.kit.Consumers;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.ServiceBasics;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.apps.kit.ServiceParts;
import orderpay.apps.kit.Workers;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.domain.inventory.Inventory;
import orderpay.domain.shared.EventPublisher;

/**
 * Stock owner: serves reservations, follows the catalog's events (new and deleted products) and the
 * orders' (commit on paid, release on failed/cancelled, restock on refunded), sweeps expired holds.
 */
@Module(includes = ServiceKitModule.class)
public interface InventoryServiceModule {
  /** Who may call this service: the edges the architecture draws. */
  CallerPolicy CALLERS =
      CallerPolicy.builder()
          .allow(Callers.GATEWAY, InventoryServiceGrpc.getServiceDescriptor())
          .allow(
              Callers.ORDER_SERVICE,
              InventoryServiceGrpc.getReserveStockMethod(),
              InventoryServiceGrpc.getReleaseReservationMethod())
          .build();

  @Provides
  @Singleton
  static Inventory inventory(
      JdbiTransactions tx, EventPublisher events, Clock clock, InventoryServiceConfig config) {
    return new Inventory(
        new JdbiStockRepository(tx),
        new JdbiReservationRepository(tx),
        tx,
        events,
        clock,
        config.reservationTtl());
  }

  @Provides
  static InventoryGrpcService grpcService(Inventory inventory) {
    return new InventoryGrpcService(inventory);
  }

  @Provides
  static ServiceParts parts(
      InventoryServiceConfig config,
      Inventory inventory,
      InventoryGrpcService grpcService,
      CustomerTokens customers,
      Consumers consumers) {
    int expiryBatch = 200;
    return new ServiceParts(
        CALLERS,
        // the gateway checks the admin too; the stock count (and the reservations read for the
        // reconciliation report) do not take its word for it
        List.of(
            customers
                .adminsFor(
                    InventoryServiceGrpc.getUpdateStockMethod(),
                    InventoryServiceGrpc.getGetReservationStatusesMethod())
                .protect(grpcService)),
        List.of(
            () -> customers,
            consumers.of(KafkaTopics.INVENTORY_PRODUCT_EVENTS, new ProductEventsHandler(inventory)),
            consumers.of(KafkaTopics.INVENTORY_ORDER_EVENTS, new OrderEventsHandler(inventory)),
            Workers.drain(
                config.expirySweepInterval(),
                "reservation-expiry",
                () -> inventory.expireDue(expiryBatch),
                expiryBatch)),
        customers.verifier());
  }

  /** Its settings and its events' serializer, for the kit. */
  @Provides
  static ServiceBasics basics(InventoryServiceConfig config) {
    return new ServiceBasics(config.service(), new InventoryEventSerializer());
  }
}
