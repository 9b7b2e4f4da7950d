package orderpay.apps.order;

import dagger.Component;
import jakarta.inject.Singleton;
import orderpay.apps.kit.BackendService;

/** The saga's graph; the kit starts and stops it ({@link BackendService}). */
@Singleton
@Component(modules = OrderServiceModule.class)
public interface OrderServiceComponent extends BackendService {
  @Component.Factory
  interface Factory extends BackendService.Factory<OrderServiceConfig> {}
}
