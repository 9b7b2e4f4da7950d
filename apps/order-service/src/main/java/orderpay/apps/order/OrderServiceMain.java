package orderpay.apps.order;

import orderpay.apps.kit.BackendService;

public final class OrderServiceMain {
  private OrderServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    BackendService.runUntilShutdown(
        DaggerOrderServiceComponent.factory(), OrderServiceConfig::fromEnv);
  }
}
