package orderpay.apps.notification;

import java.time.Clock;
import orderpay.adapters.runtime.Env;
import orderpay.adapters.runtime.Lifecycle;

public final class NotificationServiceMain {
  private NotificationServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    var running =
        NotificationServiceComponent.build(
                NotificationServiceConfig.fromEnv(Env.system()), Clock.systemUTC())
            .start();
    Lifecycle.runUntilShutdown(running, "notification-service");
  }
}
