package orderpay.apps.sandbox.bench;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import orderpay.apps.sandbox.bench.LoadGenerator.Sample;
import orderpay.apps.sandbox.bench.OrderTimelines.Timeline;

/**
 * Where a paid order's time goes, stage by stage: from the client's intended start and its answer
 * (the load's samples) and the milestones the services recorded (the timelines).
 */
final class OrderStages {
  static final String PAID = "POST -> PAID (outcome recorded)";
  static final String MAIL = "PAID -> both emails sent";

  /** One stage: from one milestone of an order to another. */
  private record Stage(
      String name, Function<Timeline, Instant> from, Function<Timeline, Instant> to) {}

  private OrderStages() {}

  /** Per stage, in order, the milliseconds of every order that reached both of its ends. */
  static Map<String, List<Double>> of(
      Map<String, Timeline> timelines, Map<String, Sample> samples) {
    // by identity: two orders could record the very same instants
    var intended = new IdentityHashMap<Timeline, Instant>();
    var answered = new IdentityHashMap<Timeline, Instant>();
    timelines.forEach(
        (id, timeline) -> {
          Sample sample = samples.get(id);
          intended.put(timeline, sample.intendedAt());
          answered.put(
              timeline,
              sample.intendedAt().plusNanos(sample.answeredNanos() - sample.intendedNanos()));
        });
    var stages =
        List.of(
            new Stage(
                "accept: gateway, auth, price, checks, record the order",
                intended::get,
                Timeline::placed),
            new Stage("reserve the units (inventory)", Timeline::placed, Timeline::held),
            new Stage(
                "start the payment (payment service)", Timeline::held, Timeline::paymentCreated),
            new Stage(
                "create + confirm the intent (Stripe call)",
                Timeline::paymentCreated,
                Timeline::paymentConfirmed),
            new Stage("settle the order as PAID", Timeline::paymentConfirmed, Timeline::outcome),
            new Stage("answer the client", Timeline::outcome, answered::get),
            new Stage(PAID, intended::get, Timeline::outcome),
            new Stage(
                "PAID -> units committed (outbox, Kafka, inventory)",
                Timeline::outcome,
                Timeline::committed),
            new Stage(
                "PAID -> emails queued (outbox, Kafka, notification)",
                Timeline::outcome,
                Timeline::emailsQueued),
            new Stage(
                "emails queued -> sent (dispatcher, SMTP)",
                Timeline::emailsQueued,
                Timeline::emailsDone),
            new Stage(MAIL, Timeline::outcome, Timeline::emailsDone));
    var all = timelines.values();
    var spans = new LinkedHashMap<String, List<Double>>();
    stages.forEach(
        stage -> spans.put(stage.name(), OrderTimelines.spans(all, stage.from(), stage.to())));
    return spans;
  }
}
