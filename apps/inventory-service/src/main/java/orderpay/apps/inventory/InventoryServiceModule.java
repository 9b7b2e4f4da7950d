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

  @Provides
  @Singleton
  static StockRepository stock(JdbiTransactions tx) {
    return new JdbiStockRepository(tx);
  }

  @Provides
  @Singleton
  static ReservationRepository reservations(JdbiTransactions tx) {
    return new JdbiReservationRepository(tx);
  }

  /** How release, commit, return and expiry end reservations: one unit of work, shared. */
  @Provides
  static LockedReservations lockedReservations(
      ReservationRepository reservations, JdbiTransactions tx, Clock clock) {
    return new LockedReservations(reservations, tx, clock);
  }

  @Provides
  static ReserveStock reserveStock(
      StockRepository stock,
      ReservationRepository reservations,
      JdbiTransactions tx,
      Clock clock,
      InventoryServiceConfig config) {
    return new ReserveStock(stock, reservations, tx, clock, config.reservationTtl());
  }

  /**
   * Commit, release and return, as the order events settle a reservation; gRPC asks for the first
   * two only (a refund is never asked for over gRPC).
   */
  @Provides
  static SettleReservation settleReservation(
      StockRepository stock, LockedReservations reservations, EventPublisher events) {
    return new SettleReservation(
        new CommitStock(stock, reservations, events),
        new ReleaseStock(stock, reservations),
        new ReturnStock(stock, reservations));
  }

  @Provides
  static ExpireReservations expireReservations(
      StockRepository stock, LockedReservations reservations, EventPublisher events) {
    return new ExpireReservations(stock, reservations, events);
  }

  @Provides
  static SetStock setStock(StockRepository stock, JdbiTransactions tx) {
    return new SetStock(stock, tx);
  }

  @Provides
  static TrackProducts trackProducts(StockRepository stock, JdbiTransactions tx) {
    return new TrackProducts(stock, tx);
  }

  @Provides
  static StockQueries stockQueries(StockRepository stock, ReservationRepository reservations) {
    return new StockQueries(stock, reservations);
  }

  @Provides
  static InventoryGrpcService grpcService(
      StockQueries queries, ReserveStock reserve, SettleReservation settle, SetStock setStock) {
    return new InventoryGrpcService(queries, reserve, settle.release(), settle.commit(), setStock);
  }

  @Provides
  static ServiceParts parts(
      InventoryServiceConfig config,
      InventoryGrpcService grpcService,
      TrackProducts trackProducts,
      SettleReservation settleReservation,
      ExpireReservations expireReservations,
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
            consumers.of(
                KafkaTopics.INVENTORY_PRODUCT_EVENTS, new ProductEventsHandler(trackProducts)),
            consumers.of(
                KafkaTopics.INVENTORY_ORDER_EVENTS, new OrderEventsHandler(settleReservation)),
            Workers.drain(
                config.expirySweepInterval(),
                "reservation-expiry",
                () -> expireReservations.expireDue(expiryBatch),
                expiryBatch)),
        customers.verifier());
  }

  /** Its settings and its events' serializer, for the kit. */
  @Provides
  static ServiceBasics basics(InventoryServiceConfig config) {
    return new ServiceBasics(config.service(), new InventoryEventSerializer());
  }
}
