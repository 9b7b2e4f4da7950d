package orderpay.apps.payment;

import orderpay.apps.kit.BackendService;

public final class PaymentServiceMain {
  private PaymentServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    BackendService.runUntilShutdown(
        DaggerPaymentServiceComponent.factory(), PaymentServiceConfig::fromEnv);
  }
}
