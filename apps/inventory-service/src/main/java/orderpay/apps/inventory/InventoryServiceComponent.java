package orderpay.apps.inventory;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import java.time.Clock;

@Singleton
@Component(modules = InventoryServiceModule.class)
public interface InventoryServiceComponent {
  InventoryService service();

  @Component.Factory
  interface Factory {
    InventoryServiceComponent create(
        @BindsInstance InventoryServiceConfig config, @BindsInstance Clock clock);
  }

  static InventoryService build(InventoryServiceConfig config, Clock clock) {
    return DaggerInventoryServiceComponent.factory().create(config, clock).service();
  }
}
