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
import orderpay.domain.payment.CancelPayment;
import orderpay.domain.payment.CheckPaymentMethod;
import orderpay.domain.payment.CompleteTestAuthentication;
import orderpay.domain.payment.HandleWebhook;
import orderpay.domain.payment.InitiatePayment;
import orderpay.domain.payment.PaymentChanges;
import orderpay.domain.payment.PaymentProvider;
import orderpay.domain.payment.PaymentQueries;
import orderpay.domain.payment.ReconcilePayments;
import orderpay.domain.payment.RefundPayment;
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

  /**
   * The service's use cases, built together and once: they share one {@link PaymentChanges}, which
   * remembers the intents whose success is committed, so the webhook of a payment the confirm call
   * settled costs no transaction; and {@link CheckPaymentMethod} remembers the payment methods the
   * provider knows.
   */
  record UseCases(PaymentGrpcService api, ReconcilePayments reconciliation) {}

  @Provides
  @Singleton
  static UseCases useCases(
      PaymentServiceConfig config,
      JdbiTransactions tx,
      EventPublisher events,
      IdGenerator ids,
      MeterRegistry metrics,
      Clock clock) {
    // both of the domain's ports over the payments table: the payments and the events seen
    var repository = new JdbiPaymentRepository(tx);
    PaymentProvider provider =
        new MeteredPaymentProvider(
            StripePaymentProvider.connect(config.stripeSecretKey(), config.stripeApiBase()),
            metrics);
    var changes = new PaymentChanges(repository, tx, events, clock);
    var queries = new PaymentQueries(repository, repository, provider);
    var verifier = new StripeWebhookVerifier(config.stripeWebhookSecret(), clock);
    var api =
        new PaymentGrpcService(
            new PaymentGrpcService.UseCases(
                new InitiatePayment(repository, provider, tx, ids, changes),
                new CheckPaymentMethod(provider),
                new CancelPayment(repository, provider, queries, changes),
                new RefundPayment(provider, queries, changes),
                new HandleWebhook(repository, verifier, repository, tx, changes),
                new CompleteTestAuthentication(repository, provider, changes),
                queries),
            metrics);
    // for the webhooks that never came: asks the provider how those payments ended
    return new UseCases(api, new ReconcilePayments(repository, provider, changes));
  }

  @Provides
  static ServiceParts parts(
      PaymentServiceConfig config, UseCases useCases, CustomerTokens customers) {
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
                        .protect(useCases.api()))),
        List.of(
            () -> customers,
            Workers.every(
                config.reconcileInterval(),
                "payment-reconciliation",
                () -> useCases.reconciliation().reconcile(config.reconcileAfter(), 100))),
        customers.verifier());
  }

  /** Its settings and its events' serializer, for the kit. */
  @Provides
  static ServiceBasics basics(PaymentServiceConfig config) {
    return new ServiceBasics(config.service(), new PaymentEventSerializer());
  }
}
