package orderpay.apps.gateway;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import java.time.Clock;

@Singleton
@Component(modules = GatewayModule.class)
public interface GatewayComponent {
  Gateway gateway();

  @Component.Factory
  interface Factory {
    GatewayComponent create(@BindsInstance GatewayConfig config, @BindsInstance Clock clock);
  }

  static Gateway build(GatewayConfig config, Clock clock) {
    return DaggerGatewayComponent.factory().create(config, clock).gateway();
  }
}
