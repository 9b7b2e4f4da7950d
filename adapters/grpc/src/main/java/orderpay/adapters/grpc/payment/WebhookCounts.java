package orderpay.adapters.grpc.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/**
 * Stripe webhook deliveries by outcome ({@code stripe.webhooks}): {@code accepted}, {@code
 * duplicate} (an event id seen before: acknowledged, ignored), {@code rejected} (a bad signature or
 * body: Stripe gets a 400 and never retries it, so a burst means a wrong secret or someone probing)
 * or {@code failed} (we could not take it now; Stripe retries).
 */
final class WebhookCounts {
  private final Counter accepted;
  private final Counter duplicate;
  private final Counter rejected;
  private final Counter failed;

  WebhookCounts(MeterRegistry registry) {
    this.accepted = counter(registry, "accepted");
    this.duplicate = counter(registry, "duplicate");
    this.rejected = counter(registry, "rejected");
    this.failed = counter(registry, "failed");
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("stripe.webhooks")
        .description("Stripe webhook deliveries, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  void handled(boolean wasDuplicate) {
    (wasDuplicate ? duplicate : accepted).increment();
  }

  void refused(RuntimeException why) {
    boolean badInput =
        why instanceof DomainException refusal && refusal.kind() == ErrorKind.INVALID_ARGUMENT;
    (badInput ? rejected : failed).increment();
  }
}
