package orderpay.apps.product;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import java.time.Clock;
import orderpay.apps.kit.ServiceSettings;

@Singleton
@Component(modules = ProductServiceModule.class)
public interface ProductServiceComponent {
  ProductService service();

  @Component.Factory
  interface Factory {
    ProductServiceComponent create(
        @BindsInstance ServiceSettings settings, @BindsInstance Clock clock);
  }

  static ProductService build(ServiceSettings settings, Clock clock) {
    return DaggerProductServiceComponent.factory().create(settings, clock).service();
  }
}
