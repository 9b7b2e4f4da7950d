package orderpay.apps.stripe;

import java.util.Set;
import orderpay.runtime.Env;
import orderpay.runtime.Lifecycle;

public final class StripeEmulatorMain {
  private StripeEmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    var env = Env.system();
    var emulator =
        StripeEmulator.start(
            env.get("STRIPE_EMULATOR_HOST", "127.0.0.1"),
            env.integer("STRIPE_EMULATOR_PORT", 12111),
            env.get("STRIPE_WEBHOOK_URL", "http://127.0.0.1:8080/api/v1/webhooks/stripe"),
            env.required("STRIPE_WEBHOOK_SECRET"),
            Faults.fromEnv(env));
    // the endpoint's enabled_events: comma-separated event types, every event by default
    emulator.enableWebhookEvents(Set.of(env.get("STRIPE_WEBHOOK_EVENTS", "*").split(",")));
    // the shop's page, whose Stripe.js stand-in (GET /v3/) confirms payments from the browser
    emulator.allowBrowserOrigins(
        Set.of(
            env.get(
                    "STRIPE_EMULATOR_BROWSER_ORIGINS",
                    "http://127.0.0.1:8080,http://localhost:8080")
                .split(",")));
    Lifecycle.runUntilShutdown(emulator, "stripe-emulator");
  }
}
