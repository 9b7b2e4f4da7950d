package orderpay.apps.payment;

import java.time.Clock;
import orderpay.adapters.runtime.Env;
import orderpay.adapters.runtime.Lifecycle;

public final class PaymentServiceMain {
  private PaymentServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    var running =
        PaymentServiceComponent.build(PaymentServiceConfig.fromEnv(Env.system()), Clock.systemUTC())
            .start();
    Lifecycle.runUntilShutdown(running, "payment-service");
  }
}
