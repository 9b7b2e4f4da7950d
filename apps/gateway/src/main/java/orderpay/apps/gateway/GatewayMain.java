package orderpay.apps.gateway;

import java.time.Clock;
import orderpay.runtime.Env;
import orderpay.runtime.Lifecycle;

public final class GatewayMain {
  private GatewayMain() {}

  public static void main(String[] args) throws InterruptedException {
    var running =
        GatewayComponent.build(GatewayConfig.fromEnv(Env.system()), Clock.systemUTC()).start();
    Lifecycle.runUntilShutdown(running, "gateway");
  }
}
