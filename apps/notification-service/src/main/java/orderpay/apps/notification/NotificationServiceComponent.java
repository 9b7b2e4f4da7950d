package orderpay.apps.notification;

import dagger.Component;
import jakarta.inject.Singleton;
import orderpay.apps.kit.BackendService;

/** The notification service's graph; the kit starts and stops it ({@link BackendService}). */
@Singleton
@Component(modules = NotificationServiceModule.class)
public interface NotificationServiceComponent extends BackendService {
  @Component.Factory
  interface Factory extends BackendService.Factory<NotificationServiceConfig> {}
}
