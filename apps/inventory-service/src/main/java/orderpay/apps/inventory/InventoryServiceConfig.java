package orderpay.apps.inventory;

import java.time.Duration;
import orderpay.adapters.runtime.Env;
import orderpay.apps.kit.ServiceSettings;
import orderpay.domain.order.PaymentWindow;

public record InventoryServiceConfig(
    ServiceSettings service, Duration reservationTtl, Duration expirySweepInterval) {
  public static final int DEFAULT_PORT = 50053;

  /**
   * Refuses to start when the order service's payment window ({@code ORDER_PAYMENT_TTL}, same
   * default) would outlast the hold: orders must be settled while their stock is held.
   */
  public static InventoryServiceConfig fromEnv(Env env) {
    var reservationTtl = env.duration("INVENTORY_RESERVATION_TTL", Duration.ofMinutes(15));
    new PaymentWindow(
        env.duration("ORDER_PAYMENT_TTL", Duration.ofMinutes(10)),
        reservationTtl,
        env.duration("ORDER_SWEEP_INTERVAL", Duration.ofSeconds(5)));
    return new InventoryServiceConfig(
        ServiceSettings.fromEnv(env, "inventory", DEFAULT_PORT),
        reservationTtl,
        env.duration("INVENTORY_EXPIRY_SWEEP_INTERVAL", Duration.ofSeconds(5)));
  }
}
