package orderpay.apps.payment;

import dagger.Component;
import jakarta.inject.Singleton;
import orderpay.apps.kit.BackendService;

/** The payment service's graph; the kit starts and stops it ({@link BackendService}). */
@Singleton
@Component(modules = PaymentServiceModule.class)
public interface PaymentServiceComponent extends BackendService {
  @Component.Factory
  interface Factory extends BackendService.Factory<PaymentServiceConfig> {}
}
