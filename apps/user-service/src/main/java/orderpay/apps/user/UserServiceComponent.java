package orderpay.apps.user;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import java.time.Clock;

@Singleton
@Component(modules = UserServiceModule.class)
public interface UserServiceComponent {
  UserService service();

  @Component.Factory
  interface Factory {
    UserServiceComponent create(
        @BindsInstance UserServiceConfig config, @BindsInstance Clock clock);
  }

  static UserService build(UserServiceConfig config, Clock clock) {
    return DaggerUserServiceComponent.factory().create(config, clock).service();
  }
}
