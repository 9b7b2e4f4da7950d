package orderpay.apps.inventory;

import java.time.Duration;
import orderpay.adapters.runtime.Env;
import orderpay.apps.kit.ServiceSettings;

public record InventoryServiceConfig(
    ServiceSettings service, Duration reservationTtl, Duration expirySweepInterval) {
  public static final int DEFAULT_PORT = 50053;

  public static InventoryServiceConfig fromEnv(Env env) {
    return new InventoryServiceConfig(
        ServiceSettings.fromEnv(env, "inventory", DEFAULT_PORT),
        env.duration("INVENTORY_RESERVATION_TTL", Duration.ofMinutes(15)),
        env.duration("INVENTORY_EXPIRY_SWEEP_INTERVAL", Duration.ofSeconds(5)));
  }
}
