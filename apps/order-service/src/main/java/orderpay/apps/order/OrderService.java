package orderpay.apps.order;

import io.grpc.BindableService;
import jakarta.inject.Inject;
import java.util.List;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.order.OrderGrpcService;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.kafka.order.InventoryEventsHandler;
import orderpay.adapters.kafka.order.PaymentEventsHandler;
import orderpay.adapters.postgres.Database;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.DeadLetterGrpcService;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceMetrics;
import orderpay.apps.kit.Workers;
import orderpay.contracts.deadletter.v1.DeadLetterServiceGrpc;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.RecoverOrders;
import orderpay.domain.order.RunFollowUps;
import orderpay.domain.order.SettleOrder;

/**
 * The saga's home: serves orders, follows payment events, expires unpaid orders, resumes stuck
 * ones.
 */
public final class OrderService {
  /** Who may call this service: the edges the architecture draws. */
  public static final CallerPolicy CALLERS =
      CallerPolicy.builder()
          .allow(Callers.GATEWAY, OrderServiceGrpc.getServiceDescriptor())
          .allow(Callers.GATEWAY, DeadLetterServiceGrpc.getServiceDescriptor())
          .build();

  private static final int SWEEP_BATCH = 100;

  private final OrderServiceConfig config;
  private final Database database;
  private final KafkaOutboxRelay relay;
  private final ServiceMetrics metrics;
  private final Downstreams downstreams;
  private final SettleOrder settle;
  private final RecoverOrders recover;
  private final RunFollowUps followUps;
  private final OrderHistory history;
  private final CustomerTokens customers;
  private final BindableService grpcService;
  private final BindableService deadLetters;

  @Inject
  OrderService(
      OrderServiceConfig config,
      Database database,
      KafkaOutboxRelay relay,
      ServiceMetrics metrics,
      Downstreams downstreams,
      SettleOrder settle,
      RecoverOrders recover,
      RunFollowUps followUps,
      OrderHistory history,
      OrderGrpcService grpcService,
      CustomerTokens customers) {
    this.config = config;
    this.database = database;
    this.relay = relay;
    this.metrics = metrics;
    this.downstreams = downstreams;
    this.settle = settle;
    this.recover = recover;
    this.followUps = followUps;
    this.history = history;
    this.customers = customers;
    // every order call acts for the customer whose forwarded token verifies here; every order's
    // summary (the reconciliation report) and the orders per minute are an admin's to read
    this.grpcService =
        customers
            .adminsFor(
                OrderServiceGrpc.getGetOrderSummariesMethod(),
                OrderServiceGrpc.getGetOrderThroughputMethod())
            .protect(customers.onEveryCall().protect(grpcService));
    // the operator console's dead letters: hosted here, where the gateway already calls (ADR 0013)
    this.deadLetters = new DeadLetterGrpcService(config.service().kafka()).protectedBy(customers);
  }

  public RunningService start() {
    var settings = config.service();
    return RunningService.start(
        settings,
        database,
        relay,
        metrics,
        List.of(
            () -> downstreams,
            () -> customers,
            Workers.consumer(
                settings,
                database,
                metrics,
                KafkaTopics.ORDER_PAYMENT_EVENTS.group(),
                KafkaTopics.ORDER_PAYMENT_EVENTS.topics(),
                new PaymentEventsHandler(settle, history)),
            Workers.consumer(
                settings,
                database,
                metrics,
                KafkaTopics.ORDER_INVENTORY_EVENTS.group(),
                KafkaTopics.ORDER_INVENTORY_EVENTS.topics(),
                new InventoryEventsHandler(settle, history)),
            Workers.drain(
                config.followUpInterval(),
                "order-follow-ups",
                () -> followUps.runDue(SWEEP_BATCH),
                SWEEP_BATCH),
            Workers.every(
                config.sweepInterval(),
                "order-sweeps",
                () -> {
                  recover.resumeStuck(config.recoveryGrace(), SWEEP_BATCH);
                  settle.expireUnpaid(config.paymentTtl(), SWEEP_BATCH);
                })),
        List.of(grpcService, deadLetters),
        CALLERS,
        customers.verifier());
  }
}
