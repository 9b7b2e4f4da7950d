package orderpay.apps.product;

import dagger.Component;
import jakarta.inject.Singleton;
import orderpay.apps.kit.BackendService;

/** The catalogue's graph; the kit starts and stops it ({@link BackendService}). */
@Singleton
@Component(modules = ProductServiceModule.class)
public interface ProductServiceComponent extends BackendService {
  @Component.Factory
  interface Factory extends BackendService.Factory<ProductServiceConfig> {}
}
