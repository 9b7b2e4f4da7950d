package orderpay.apps.product;

import java.time.Clock;
import orderpay.adapters.runtime.Env;
import orderpay.adapters.runtime.Lifecycle;
import orderpay.apps.kit.ServiceSettings;

public final class ProductServiceMain {
  public static final int DEFAULT_PORT = 50052;

  private ProductServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    var settings = ServiceSettings.fromEnv(Env.system(), "product", DEFAULT_PORT);
    var running = ProductServiceComponent.build(settings, Clock.systemUTC()).start();
    Lifecycle.runUntilShutdown(running, "product-service");
  }
}
