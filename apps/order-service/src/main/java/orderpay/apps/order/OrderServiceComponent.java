package orderpay.apps.order;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import java.time.Clock;

@Singleton
@Component(modules = OrderServiceModule.class)
public interface OrderServiceComponent {
  OrderService service();

  @Component.Factory
  interface Factory {
    OrderServiceComponent create(
        @BindsInstance OrderServiceConfig config, @BindsInstance Clock clock);
  }

  static OrderService build(OrderServiceConfig config, Clock clock) {
    return DaggerOrderServiceComponent.factory().create(config, clock).service();
  }
}
