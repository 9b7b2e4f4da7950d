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
import orderpay.domain.inventory.CommitStock;
import orderpay.domain.inventory.ExpireReservations;
import orderpay.domain.inventory.LockedReservations;
import orderpay.domain.inventory.ReleaseStock;
import orderpay.domain.inventory.ReservationRepository;
import orderpay.domain.inventory.ReserveStock;
import orderpay.domain.inventory.ReturnStock;
import orderpay.domain.inventory.SetStock;
import orderpay.domain.inventory.SettleReservation;
import orderpay.domain.inventory.StockQueries;
import orderpay.domain.inventory.StockRepository;
import orderpay.domain.inventory.TrackProducts;
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

  /**
   * The service's use cases, built together over the stock and reservation tables: the gRPC API's
   * and the order events' share the commit and release steps. Only the order events return stock: a
   * refund is never asked for over gRPC.
   */
  record UseCases(
      InventoryGrpcService api,
      SettleReservation settle,
      TrackProducts trackProducts,
      ExpireReservations expiry) {}

  @Provides
  @Singleton
  static UseCases useCases(
      InventoryServiceConfig config, JdbiTransactions tx, EventPublisher events, Clock clock) {
    StockRepository stock = new JdbiStockRepository(tx);
    ReservationRepository reservations = new JdbiReservationRepository(tx);
    // how release, commit, return and expiry end reservations: one unit of work, shared
    var locked = new LockedReservations(reservations, tx, clock);
    var settle =
        new SettleReservation(
            new CommitStock(stock, locked, events),
            new ReleaseStock(stock, locked),
            new ReturnStock(stock, locked));
    return new UseCases(
        new InventoryGrpcService(
            new StockQueries(stock, reservations),
            new ReserveStock(stock, reservations, tx, clock, config.reservationTtl()),
            settle.release(),
            settle.commit(),
            new SetStock(stock, tx)),
        settle,
        new TrackProducts(stock, tx),
        new ExpireReservations(stock, locked, events));
  }

  @Provides
  static ServiceParts parts(
      InventoryServiceConfig config,
      UseCases useCases,
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
                .protect(useCases.api())),
        List.of(
            () -> customers,
            consumers.of(
                KafkaTopics.INVENTORY_PRODUCT_EVENTS,
                new ProductEventsHandler(useCases.trackProducts())),
            consumers.of(
                KafkaTopics.INVENTORY_ORDER_EVENTS, new OrderEventsHandler(useCases.settle())),
            Workers.drain(
                config.expirySweepInterval(),
                "reservation-expiry",
                () -> useCases.expiry().expireDue(expiryBatch),
                expiryBatch)),
        customers.verifier());
  }

  /** Its settings and its events' serializer, for the kit. */
  @Provides
  static ServiceBasics basics(InventoryServiceConfig config) {
    return new ServiceBasics(config.service(), new InventoryEventSerializer());
  }
}
