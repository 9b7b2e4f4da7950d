package orderpay.apps.user;

import java.time.Clock;
import orderpay.adapters.runtime.Env;
import orderpay.adapters.runtime.Lifecycle;

public final class UserServiceMain {
  private UserServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    var running =
        UserServiceComponent.build(UserServiceConfig.fromEnv(Env.system()), Clock.systemUTC())
            .start();
    Lifecycle.runUntilShutdown(running, "user-service");
  }
}
