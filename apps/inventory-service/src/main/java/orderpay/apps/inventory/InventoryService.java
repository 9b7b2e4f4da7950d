package orderpay.apps.inventory;

import io.grpc.BindableService;
import jakarta.inject.Inject;
import java.util.List;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.inventory.InventoryGrpcService;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.kafka.inventory.OrderEventsHandler;
import orderpay.adapters.kafka.inventory.ProductEventsHandler;
import orderpay.adapters.postgres.Database;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceMetrics;
import orderpay.apps.kit.Workers;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.domain.inventory.Inventory;

/**
 * Stock owner: serves reservations, follows the catalog's events (new and deleted products) and the
 * orders' (commit on paid, release on failed/cancelled, restock on refunded), sweeps expired holds.
 */
public final class InventoryService {
  /** Who may call this service: the edges the architecture draws. */
  public static final CallerPolicy CALLERS =
      CallerPolicy.builder()
          .allow(Callers.GATEWAY, InventoryServiceGrpc.getServiceDescriptor())
          .allow(
              Callers.ORDER_SERVICE,
              InventoryServiceGrpc.getReserveStockMethod(),
              InventoryServiceGrpc.getReleaseReservationMethod())
          .build();

  private static final int EXPIRY_BATCH = 200;

  private final InventoryServiceConfig config;
  private final Database database;
  private final KafkaOutboxRelay relay;
  private final ServiceMetrics metrics;
  private final Inventory inventory;
  private final CustomerTokens customers;
  private final BindableService grpcService;

  @Inject
  InventoryService(
      InventoryServiceConfig config,
      Database database,
      KafkaOutboxRelay relay,
      ServiceMetrics metrics,
      Inventory inventory,
      InventoryGrpcService grpcService,
      CustomerTokens customers) {
    this.config = config;
    this.database = database;
    this.relay = relay;
    this.metrics = metrics;
    this.inventory = inventory;
    this.customers = customers;
    // the gateway checks the admin too; the stock count (and the reservations read for the
    // reconciliation report) do not take its word for it
    this.grpcService =
        customers
            .adminsFor(
                InventoryServiceGrpc.getUpdateStockMethod(),
                InventoryServiceGrpc.getGetReservationStatusesMethod())
            .protect(grpcService);
  }

  public RunningService start() {
    var settings = config.service();
    return RunningService.start(
        settings,
        database,
        relay,
        metrics,
        List.of(
            () -> customers,
            Workers.consumer(
                settings,
                database,
                metrics,
                KafkaTopics.INVENTORY_PRODUCT_EVENTS.group(),
                KafkaTopics.INVENTORY_PRODUCT_EVENTS.topics(),
                new ProductEventsHandler(inventory)),
            Workers.consumer(
                settings,
                database,
                metrics,
                KafkaTopics.INVENTORY_ORDER_EVENTS.group(),
                KafkaTopics.INVENTORY_ORDER_EVENTS.topics(),
                new OrderEventsHandler(inventory)),
            Workers.drain(
                config.expirySweepInterval(),
                "reservation-expiry",
                () -> inventory.expireDue(EXPIRY_BATCH),
                EXPIRY_BATCH)),
        List.of(grpcService),
        CALLERS,
        customers.verifier());
  }
}
