package orderpay.apps.payment;

import dagger.Module;
import dagger.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import orderpay.adapters.grpc.payment.PaymentGrpcService;
import orderpay.adapters.kafka.payment.PaymentEventSerializer;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.adapters.postgres.payment.JdbiPaymentRepository;
import orderpay.adapters.stripe.MeteredPaymentProvider;
import orderpay.adapters.stripe.StripePaymentProvider;
import orderpay.adapters.stripe.StripeWebhookVerifier;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.apps.kit.ServiceSettings;
import orderpay.domain.payment.PaymentProcessing;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;

@Module(includes = ServiceKitModule.class)
public interface PaymentServiceModule {
  @Provides
  static ServiceSettings settings(PaymentServiceConfig config) {
    return config.service();
  }

  @Provides
  static EventSerializer serializer() {
    return new PaymentEventSerializer();
  }

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
}
