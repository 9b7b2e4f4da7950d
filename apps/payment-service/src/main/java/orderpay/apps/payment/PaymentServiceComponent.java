package orderpay.apps.payment;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import java.time.Clock;

@Singleton
@Component(modules = PaymentServiceModule.class)
public interface PaymentServiceComponent {
  PaymentService service();

  @Component.Factory
  interface Factory {
    PaymentServiceComponent create(
        @BindsInstance PaymentServiceConfig config, @BindsInstance Clock clock);
  }

  static PaymentService build(PaymentServiceConfig config, Clock clock) {
    return DaggerPaymentServiceComponent.factory().create(config, clock).service();
  }
}
