package orderpay.apps.payment;

import java.time.Duration;
import orderpay.apps.kit.ServiceSettings;
import orderpay.runtime.Env;

/**
 * {@code STRIPE_SECRET_KEY} and {@code STRIPE_WEBHOOK_SECRET} are required; {@code STRIPE_API_BASE}
 * points stripe-java at the emulator (leave it unset to talk to Stripe itself).
 */
public record PaymentServiceConfig(
    ServiceSettings service,
    String stripeSecretKey,
    String stripeApiBase,
    String stripeWebhookSecret,
    Duration reconcileAfter,
    Duration reconcileInterval) {
  public static PaymentServiceConfig fromEnv(Env env) {
    return new PaymentServiceConfig(
        ServiceSettings.fromEnv(env, "payment", 50055),
        env.required("STRIPE_SECRET_KEY"),
        env.get("STRIPE_API_BASE", ""),
        env.required("STRIPE_WEBHOOK_SECRET"),
        env.duration("PAYMENT_RECONCILE_AFTER", Duration.ofMinutes(2)),
        env.duration("PAYMENT_RECONCILE_INTERVAL", Duration.ofSeconds(30)));
  }

  @Override
  public String toString() {
    return "PaymentServiceConfig["
        + service
        + ", stripe="
        + (stripeApiBase.isBlank() ? "api.stripe.com" : stripeApiBase)
        + "]";
  }
}
