package orderpay.apps.payment;

import dagger.Module;
import dagger.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.payment.PaymentGrpcService;
import orderpay.adapters.kafka.payment.PaymentEventSerializer;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.payment.JdbiPaymentRepository;
import orderpay.adapters.stripe.MeteredPaymentProvider;
import orderpay.adapters.stripe.StripePaymentProvider;
import orderpay.adapters.stripe.StripeWebhookVerifier;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.ServiceBasics;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.apps.kit.ServiceParts;
import orderpay.apps.kit.Workers;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.domain.payment.PaymentProcessing;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;

/** Payments through Stripe, webhooks in, and a reconciliation job for webhooks that never came. */
@Module(includes = ServiceKitModule.class)
public interface PaymentServiceModule {
  /** Who may call this service: the edges the architecture draws. */
  CallerPolicy CALLERS =
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

  @Provides
  @Singleton
  static PaymentProcessing payments(
      PaymentServiceConfig config,
      JdbiTransactions tx,
      EventPublisher events,
      IdGenerator ids,
      MeterRegistry metrics,
      Clock clock) {
    var repository = new JdbiPaymentRepository(tx);
    return new PaymentProcessing(
        repository,
        new MeteredPaymentProvider(
            StripePaymentProvider.connect(config.stripeSecretKey(), config.stripeApiBase()),
            metrics),
        new StripeWebhookVerifier(config.stripeWebhookSecret(), clock),
        repository,
        tx,
        events,
        ids,
        clock);
  }

  @Provides
  static PaymentGrpcService grpcService(PaymentProcessing payments, MeterRegistry metrics) {
    return new PaymentGrpcService(payments, metrics);
  }

  @Provides
  static ServiceParts parts(
      PaymentServiceConfig config,
      PaymentProcessing payments,
      PaymentGrpcService grpcService,
      CustomerTokens customers) {
    return new ServiceParts(
        CALLERS,
        // reading a payment and authenticating it act for its payer; the saga's calls for no
        // customer; the ledger of every payment is an admin's to read
        List.of(
            customers
                .adminsFor(PaymentServiceGrpc.getListIntentsAndPaymentsMethod())
                .protect(
                    customers
                        .customersFor(
                            PaymentServiceGrpc.getCheckPaymentStatusMethod(),
                            PaymentServiceGrpc.getGetPaymentActivityMethod(),
                            PaymentServiceGrpc.getCompleteTestAuthenticationMethod())
                        .protect(grpcService))),
        List.of(
            () -> customers,
            Workers.every(
                config.reconcileInterval(),
                "payment-reconciliation",
                () -> payments.reconcile(config.reconcileAfter(), 100))),
        customers.verifier());
  }

  /** Its settings and its events' serializer, for the kit. */
  @Provides
  static ServiceBasics basics(PaymentServiceConfig config) {
    return new ServiceBasics(config.service(), new PaymentEventSerializer());
  }
}
