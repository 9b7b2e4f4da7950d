package orderpay.apps.inventory;

import java.time.Duration;
import orderpay.apps.kit.PaymentWindowSettings;
import orderpay.apps.kit.ServiceSettings;
import orderpay.runtime.Env;

public record InventoryServiceConfig(
    ServiceSettings service, Duration reservationTtl, Duration expirySweepInterval) {
  /**
   * Refuses to start when the order service's payment window ({@code ORDER_PAYMENT_TTL}, same
   * default) would outlast the hold: orders must be settled while their stock is held.
   */
  public static InventoryServiceConfig fromEnv(Env env) {
    var window = PaymentWindowSettings.fromEnv(env); // refuses a window longer than the hold
    return new InventoryServiceConfig(
        ServiceSettings.fromEnv(env, "inventory", 50053),
        window.reservationTtl(),
        env.duration("INVENTORY_EXPIRY_SWEEP_INTERVAL", Duration.ofSeconds(5)));
  }
}
