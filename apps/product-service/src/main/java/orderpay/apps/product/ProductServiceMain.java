package orderpay.apps.product;

import orderpay.apps.kit.BackendService;

public final class ProductServiceMain {
  private ProductServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    BackendService.runUntilShutdown(
        DaggerProductServiceComponent.factory(), ProductServiceConfig::fromEnv);
  }
}
