package orderpay.apps.payment;

import io.grpc.BindableService;
import jakarta.inject.Inject;
import java.util.List;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.payment.PaymentGrpcService;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.postgres.Database;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceMetrics;
import orderpay.apps.kit.Workers;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.domain.payment.PaymentProcessing;

/** Payments through Stripe, webhooks in, and a reconciliation job for webhooks that never came. */
public final class PaymentService {
  /** Who may call this service: the edges the architecture draws. */
  public static final CallerPolicy CALLERS =
      CallerPolicy.builder()
          // the gateway reads a payment (and its activity), passes Stripe's webhooks on and the
          // payer's test 3-D Secure answer (for the payer's own token only), and reads the ledger
          // for an admin's reconciliation report; it never cancels or refunds
          .allow(
              Callers.GATEWAY,
              PaymentServiceGrpc.getCheckPaymentStatusMethod(),
              PaymentServiceGrpc.getGetPaymentActivityMethod(),
              PaymentServiceGrpc.getHandleStripeWebhookMethod(),
              PaymentServiceGrpc.getCompleteTestAuthenticationMethod(),
              PaymentServiceGrpc.getListIntentsAndPaymentsMethod())
          .allow(
              Callers.ORDER_SERVICE,
              PaymentServiceGrpc.getCheckPaymentMethodMethod(),
              PaymentServiceGrpc.getInitiatePaymentMethod(),
              PaymentServiceGrpc.getCancelPaymentMethod(),
              PaymentServiceGrpc.getRefundPaymentMethod())
          .build();

  private final PaymentServiceConfig config;
  private final Database database;
  private final KafkaOutboxRelay relay;
  private final ServiceMetrics metrics;
  private final PaymentProcessing payments;
  private final CustomerTokens customers;
  private final BindableService grpcService;

  @Inject
  PaymentService(
      PaymentServiceConfig config,
      Database database,
      KafkaOutboxRelay relay,
      ServiceMetrics metrics,
      PaymentProcessing payments,
      PaymentGrpcService grpcService,
      CustomerTokens customers) {
    this.config = config;
    this.database = database;
    this.relay = relay;
    this.metrics = metrics;
    this.payments = payments;
    this.customers = customers;
    // reading a payment and authenticating it act for its payer; the saga's calls for no customer;
    // the ledger of every payment is an admin's to read
    this.grpcService =
        customers
            .adminsFor(PaymentServiceGrpc.getListIntentsAndPaymentsMethod())
            .protect(
                customers
                    .customersFor(
                        PaymentServiceGrpc.getCheckPaymentStatusMethod(),
                        PaymentServiceGrpc.getGetPaymentActivityMethod(),
                        PaymentServiceGrpc.getCompleteTestAuthenticationMethod())
                    .protect(grpcService));
  }

  public RunningService start() {
    return RunningService.start(
        config.service(),
        database,
        relay,
        metrics,
        List.of(
            () -> customers,
            Workers.every(
                config.reconcileInterval(),
                "payment-reconciliation",
                () -> payments.reconcile(config.reconcileAfter(), 100))),
        List.of(grpcService),
        CALLERS,
        customers.verifier());
  }
}
