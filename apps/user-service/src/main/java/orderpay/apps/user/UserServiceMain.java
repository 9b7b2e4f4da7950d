package orderpay.apps.user;

import orderpay.apps.kit.BackendService;

public final class UserServiceMain {
  private UserServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    BackendService.runUntilShutdown(
        DaggerUserServiceComponent.factory(), UserServiceConfig::fromEnv);
  }
}
