package orderpay.apps.stripe;

import java.time.Duration;

/**
 * How webhook delivery misbehaves, for fault tests: send each event twice, late, in swapped order,
 * or not at all. Switchable while running.
 */
public final class Faults {
  public volatile boolean duplicate;
  public volatile boolean reorder;
  public volatile boolean drop;
  public volatile Duration delay = Duration.ZERO;

  public static Faults fromEnv(orderpay.adapters.runtime.Env env) {
    var faults = new Faults();
    faults.duplicate = Boolean.parseBoolean(env.get("STRIPE_EMULATOR_DUPLICATE_WEBHOOKS", "false"));
    faults.reorder = Boolean.parseBoolean(env.get("STRIPE_EMULATOR_REORDER_WEBHOOKS", "false"));
    faults.drop = Boolean.parseBoolean(env.get("STRIPE_EMULATOR_DROP_WEBHOOKS", "false"));
    faults.delay = env.duration("STRIPE_EMULATOR_WEBHOOK_DELAY", Duration.ZERO);
    return faults;
  }

  public void reset() {
    duplicate = false;
    reorder = false;
    drop = false;
    delay = Duration.ZERO;
  }
}
