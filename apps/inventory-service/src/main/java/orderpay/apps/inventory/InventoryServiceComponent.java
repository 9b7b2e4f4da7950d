package orderpay.apps.inventory;

import dagger.Component;
import jakarta.inject.Singleton;
import orderpay.apps.kit.BackendService;

/** The stock owner's graph; the kit starts and stops it ({@link BackendService}). */
@Singleton
@Component(modules = InventoryServiceModule.class)
public interface InventoryServiceComponent extends BackendService {
  @Component.Factory
  interface Factory extends BackendService.Factory<InventoryServiceConfig> {}
}
