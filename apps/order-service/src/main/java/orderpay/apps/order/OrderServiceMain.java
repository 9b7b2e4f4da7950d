package orderpay.apps.order;

import java.time.Clock;
import orderpay.adapters.runtime.Env;
import orderpay.adapters.runtime.Lifecycle;

public final class OrderServiceMain {
  private OrderServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    var running =
        OrderServiceComponent.build(OrderServiceConfig.fromEnv(Env.system()), Clock.systemUTC())
            .start();
    Lifecycle.runUntilShutdown(running, "order-service");
  }
}
