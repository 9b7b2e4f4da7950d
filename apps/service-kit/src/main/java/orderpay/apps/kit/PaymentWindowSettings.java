package orderpay.apps.kit;

import java.time.Duration;
import orderpay.domain.order.PaymentWindow;
import orderpay.runtime.Env;

/**
 * The payment window as both the order and the inventory service read it ({@code
 * ORDER_PAYMENT_TTL}, {@code INVENTORY_RESERVATION_TTL}, {@code ORDER_SWEEP_INTERVAL}): each
 * refuses to start when the window would outlast the stock hold, so the two must read it alike.
 */
public final class PaymentWindowSettings {
  private PaymentWindowSettings() {}

  public static PaymentWindow fromEnv(Env env) {
    return new PaymentWindow(
        env.duration("ORDER_PAYMENT_TTL", Duration.ofMinutes(10)),
        env.duration("INVENTORY_RESERVATION_TTL", Duration.ofMinutes(15)),
        env.duration("ORDER_SWEEP_INTERVAL", Duration.ofSeconds(5)));
  }
}
