package orderpay.apps.order;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.order.GrpcOrderDependencies;
import orderpay.adapters.grpc.order.OrderGrpcService;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.kafka.order.InventoryEventsHandler;
import orderpay.adapters.kafka.order.OrderEventSerializer;
import orderpay.adapters.kafka.order.PaymentEventsHandler;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.messaging.CommittedEventListener;
import orderpay.adapters.postgres.messaging.OutboxWriteListener;
import orderpay.adapters.postgres.order.JdbiFollowUpQueue;
import orderpay.adapters.postgres.order.JdbiOrderHistory;
import orderpay.adapters.postgres.order.JdbiOrderRepository;
import orderpay.adapters.postgres.order.JdbiPendingOrders;
import orderpay.apps.kit.Consumers;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.DeadLetterGrpcService;
import orderpay.apps.kit.ServiceBasics;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.apps.kit.ServiceParts;
import orderpay.apps.kit.Workers;
import orderpay.contracts.deadletter.v1.DeadLetterServiceGrpc;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.domain.order.CancelOrder;
import orderpay.domain.order.ExpireUnpaidOrders;
import orderpay.domain.order.FollowUpQueue;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.OrderQueries;
import orderpay.domain.order.OrderRepository;
import orderpay.domain.order.Payments;
import orderpay.domain.order.PlaceOrder;
import orderpay.domain.order.RecoverOrders;
import orderpay.domain.order.RunFollowUps;
import orderpay.domain.order.SettleOrder;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.OrderId;

/**
 * The saga's home: serves orders, follows payment events, expires unpaid orders, resumes stuck
 * ones.
 */
@Module(includes = ServiceKitModule.class)
public interface OrderServiceModule {
  /** Who may call this service: the edges the architecture draws. */
  CallerPolicy CALLERS =
      CallerPolicy.builder()
          .allow(Callers.GATEWAY, OrderServiceGrpc.getServiceDescriptor())
          .allow(Callers.GATEWAY, DeadLetterServiceGrpc.getServiceDescriptor())
          .build();

  /** Counts outcomes and times the saga from the order's committed events. */
  @Provides
  @Singleton
  @IntoSet
  static CommittedEventListener orderMetrics(MeterRegistry metrics, Database database) {
    return new OrderMetrics(metrics, new JdbiPendingOrders(database.jdbi()));
  }

  @Provides
  @Singleton
  static Downstreams downstreams(OrderServiceConfig config) {
    var credentials = config.service().credentials();
    return new Downstreams(
        GrpcChannels.open(config.productServiceTarget(), config.downstreamDeadline(), credentials),
        GrpcChannels.open(
            config.inventoryServiceTarget(), config.downstreamDeadline(), credentials),
        GrpcChannels.open(config.paymentServiceTarget(), config.downstreamDeadline(), credentials));
  }

  @Provides
  @Singleton
  static OrderHistory history(JdbiTransactions tx, Clock clock) {
    return new JdbiOrderHistory(tx, clock);
  }

  /** Every event the order service writes to its outbox is in its order's history. */
  @Provides
  @Singleton
  @IntoSet
  static OutboxWriteListener publishedIntoHistory(OrderHistory history) {
    return (event, eventId, topic, type) ->
        history.record(
            OrderId.parse(event.aggregateId()),
            HistoryEntry.published(topic, type, eventId.toString()));
  }

  /**
   * The saga's use cases, built together over the orders and follow-ups tables: those that settle
   * share one {@link SettleOrder}, and recovery places again through the API's {@link PlaceOrder}.
   */
  record Saga(
      OrderGrpcService api,
      SettleOrder settle,
      RecoverOrders recover,
      ExpireUnpaidOrders expiry,
      RunFollowUps followUps) {}

  @Provides
  @Singleton
  static Saga saga(
      OrderServiceConfig config,
      Downstreams downstreams,
      OrderHistory history,
      JdbiTransactions tx,
      EventPublisher events,
      IdGenerator ids,
      Clock clock) {
    OrderRepository orders = new JdbiOrderRepository(tx, history);
    FollowUpQueue followUps = new JdbiFollowUpQueue(tx, history);
    Payments payments = GrpcOrderDependencies.payments(downstreams.payment().channel());
    var settle = new SettleOrder(orders, followUps, tx, events, clock);
    var expiry = new ExpireUnpaidOrders(payments, settle, Backoff.SWEEPS);
    var queries = new OrderQueries(orders, history, clock);
    var place =
        new PlaceOrder(
            orders,
            GrpcOrderDependencies.catalog(downstreams.product().channel()),
            GrpcOrderDependencies.reservations(downstreams.inventory().channel()),
            payments,
            followUps,
            config.paymentWindow(),
            config.limits(),
            tx,
            events,
            ids,
            clock);
    var recover =
        new RecoverOrders(
            orders, queries, place, expiry, config.paymentWindow(), history, clock, Backoff.SWEEPS);
    var cancel = new CancelOrder(queries, orders, payments, settle, followUps, tx, events, clock);
    return new Saga(
        new OrderGrpcService(place, cancel, queries, recover),
        settle,
        recover,
        expiry,
        new RunFollowUps(followUps, payments, settle, orders, tx, events, clock, Backoff.SWEEPS));
  }

  @Provides
  static ServiceParts parts(
      OrderServiceConfig config,
      Downstreams downstreams,
      Saga saga,
      OrderHistory history,
      CustomerTokens customers,
      Consumers consumers) {
    int sweepBatch = 100;
    var settle = saga.settle();
    return new ServiceParts(
        CALLERS,
        List.of(
            // every order call acts for the customer whose forwarded token verifies here; every
            // order's summary (the reconciliation report) and the orders per minute are an
            // admin's to read
            customers
                .adminsFor(
                    OrderServiceGrpc.getGetOrderSummariesMethod(),
                    OrderServiceGrpc.getGetOrderThroughputMethod())
                .protect(customers.onEveryCall().protect(saga.api())),
            // the operator console's dead letters: hosted here, where the gateway already calls
            // (ADR 0013)
            new DeadLetterGrpcService(config.service().kafka()).protectedBy(customers)),
        List.of(
            () -> downstreams,
            () -> customers,
            consumers.of(
                KafkaTopics.ORDER_PAYMENT_EVENTS, new PaymentEventsHandler(settle, history)),
            consumers.of(
                KafkaTopics.ORDER_INVENTORY_EVENTS, new InventoryEventsHandler(settle, history)),
            Workers.drain(
                config.followUpInterval(),
                "order-follow-ups",
                () -> saga.followUps().runDue(sweepBatch),
                sweepBatch),
            Workers.every(
                config.sweepInterval(),
                "order-sweeps",
                () -> {
                  saga.recover().resumeStuck(config.recoveryGrace(), sweepBatch);
                  saga.expiry().expireDue(config.paymentTtl(), sweepBatch);
                })),
        customers.verifier());
  }

  /** Its settings and its events' serializer, for the kit. */
  @Provides
  static ServiceBasics basics(OrderServiceConfig config) {
    return new ServiceBasics(config.service(), new OrderEventSerializer());
  }
}
