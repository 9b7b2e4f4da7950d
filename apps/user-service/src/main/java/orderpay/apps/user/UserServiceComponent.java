package orderpay.apps.user;

import dagger.Component;
import jakarta.inject.Singleton;
import orderpay.apps.kit.BackendService;

/** The user service's graph; the kit starts and stops it ({@link BackendService}). */
@Singleton
@Component(modules = UserServiceModule.class)
public interface UserServiceComponent extends BackendService {
  @Component.Factory
  interface Factory extends BackendService.Factory<UserServiceConfig> {}
}
