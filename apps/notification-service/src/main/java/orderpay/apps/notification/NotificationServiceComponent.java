package orderpay.apps.notification;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import java.time.Clock;

@Singleton
@Component(modules = NotificationServiceModule.class)
public interface NotificationServiceComponent {
  NotificationService service();

  @Component.Factory
  interface Factory {
    NotificationServiceComponent create(
        @BindsInstance NotificationServiceConfig config, @BindsInstance Clock clock);
  }

  static NotificationService build(NotificationServiceConfig config, Clock clock) {
    return DaggerNotificationServiceComponent.factory().create(config, clock).service();
  }
}
