package orderpay.apps.inventory;

import java.time.Clock;
import orderpay.adapters.runtime.Env;
import orderpay.adapters.runtime.Lifecycle;

public final class InventoryServiceMain {
  private InventoryServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    var running =
        InventoryServiceComponent.build(
                InventoryServiceConfig.fromEnv(Env.system()), Clock.systemUTC())
            .start();
    Lifecycle.runUntilShutdown(running, "inventory-service");
  }
}
