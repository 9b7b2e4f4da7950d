package orderpay.apps.notification;

import orderpay.apps.kit.BackendService;

public final class NotificationServiceMain {
  private NotificationServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    BackendService.runUntilShutdown(
        DaggerNotificationServiceComponent.factory(), NotificationServiceConfig::fromEnv);
  }
}
