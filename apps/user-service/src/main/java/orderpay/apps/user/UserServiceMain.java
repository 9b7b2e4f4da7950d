package orderpay.apps.user;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import orderpay.adapters.runtime.Env;

public final class UserServiceMain {
  private UserServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    var service =
        UserServiceComponent.build(UserServiceConfig.fromEnv(Env.system()), Clock.systemUTC())
            .start();
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "user-service-shutdown"));
    stopped.await();
  }
}
