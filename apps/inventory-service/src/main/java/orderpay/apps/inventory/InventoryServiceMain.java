package orderpay.apps.inventory;

import orderpay.apps.kit.BackendService;

public final class InventoryServiceMain {
  private InventoryServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    BackendService.runUntilShutdown(
        DaggerInventoryServiceComponent.factory(), InventoryServiceConfig::fromEnv);
  }
}
