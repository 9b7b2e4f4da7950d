package orderpay.adapters.stripe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import orderpay.adapters.telemetry.Traces;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentProvider;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/**
 * Times every call to Stripe ({@code stripe.calls}) by operation and outcome: {@code ok}, {@code
 * declined} (a card decline: an answer, not a failure), {@code refused} (Stripe said no: an invalid
 * request, an idempotency conflict) or {@code error} (unreachable, or Stripe failed). Each timer is
 * registered up front, so a rate of errors starts from zero rather than from a missing series.
 */
public final class MeteredPaymentProvider implements PaymentProvider {
  static final String METER = "stripe.calls";

  /** From a payment method lookup (~10 ms) to a call that used up its retries (~21 s). */
  private static final Duration[] BUCKETS =
      Stream.of(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  enum Operation {
    CREATE_INTENT,
    RETRIEVE,
    FIND_BY_ORDER,
    LIST_CREATED_SINCE,
    PAYMENT_METHOD_EXISTS,
    CANCEL,
    REFUND,
    COMPLETE_TEST_AUTHENTICATION
  }

  enum Outcome {
    OK,
    DECLINED,
    REFUSED,
    ERROR
  }

  private final PaymentProvider stripe;
  private final Map<Operation, Map<Outcome, Timer>> timers = new HashMap<>();

  public MeteredPaymentProvider(PaymentProvider stripe, MeterRegistry registry) {
    this.stripe = stripe;
    for (Operation operation : Operation.values()) {
      var byOutcome = new HashMap<Outcome, Timer>();
      for (Outcome outcome : Outcome.values()) {
        if (outcome == Outcome.DECLINED && operation != Operation.CREATE_INTENT) {
          continue; // only a confirmation can be declined
        }
        byOutcome.put(
            outcome,
            Timer.builder(METER)
                .description("calls to the Stripe API, by operation and outcome")
                .tag("operation", operation.name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
      }
      timers.put(operation, Map.copyOf(byOutcome));
    }
  }

  @Override
  public String name() {
    return stripe.name();
  }

  @Override
  public Intent createIntent(
      String idempotencyKey, Money amount, String paymentMethod, String orderId) {
    return timed(
        Operation.CREATE_INTENT,
        () -> stripe.createIntent(idempotencyKey, amount, paymentMethod, orderId),
        intent -> intent.status() == PaymentStatus.FAILED ? Outcome.DECLINED : Outcome.OK);
  }

  @Override
  public Intent retrieve(String providerPaymentId) {
    return timed(Operation.RETRIEVE, () -> stripe.retrieve(providerPaymentId), ok());
  }

  @Override
  public Optional<Intent> findByOrder(String orderId) {
    return timed(Operation.FIND_BY_ORDER, () -> stripe.findByOrder(orderId), ok());
  }

  @Override
  public java.util.List<ListedIntent> listCreatedSince(java.time.Instant from) {
    return timed(Operation.LIST_CREATED_SINCE, () -> stripe.listCreatedSince(from), ok());
  }

  @Override
  public boolean paymentMethodExists(String paymentMethod) {
    return timed(
        Operation.PAYMENT_METHOD_EXISTS, () -> stripe.paymentMethodExists(paymentMethod), ok());
  }

  @Override
  public Intent cancel(String providerPaymentId, String idempotencyKey) {
    return timed(Operation.CANCEL, () -> stripe.cancel(providerPaymentId, idempotencyKey), ok());
  }

  @Override
  public Intent refund(String providerPaymentId, String idempotencyKey) {
    return timed(Operation.REFUND, () -> stripe.refund(providerPaymentId, idempotencyKey), ok());
  }

  @Override
  public Optional<Intent> completeTestAuthentication(String providerPaymentId) {
    return timed(
        Operation.COMPLETE_TEST_AUTHENTICATION,
        () -> stripe.completeTestAuthentication(providerPaymentId),
        ok());
  }

  private static <T> Function<T, Outcome> ok() {
    return answer -> Outcome.OK;
  }

  private <T> T timed(Operation operation, Supplier<T> call, Function<T, Outcome> outcomeOf) {
    // inside a trace, each Stripe call is a span of it
    return Traces.child(
        "stripe " + operation.name().toLowerCase(java.util.Locale.ROOT),
        SpanKind.CLIENT,
        () -> measured(operation, call, outcomeOf));
  }

  private <T> T measured(Operation operation, Supplier<T> call, Function<T, Outcome> outcomeOf) {
    long started = System.nanoTime();
    Outcome outcome = Outcome.ERROR;
    try {
      T answer = call.get();
      outcome = outcomeOf.apply(answer);
      return answer;
    } catch (DomainException e) {
      outcome = e.kind() == ErrorKind.UNAVAILABLE ? Outcome.ERROR : Outcome.REFUSED;
      throw e;
    } finally {
      timers.get(operation).get(outcome).record(Duration.ofNanos(System.nanoTime() - started));
    }
  }
}
