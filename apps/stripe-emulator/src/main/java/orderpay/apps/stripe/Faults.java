package orderpay.apps.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the emulator misbehaves, for fault tests. Webhook delivery: each event twice, late, in
 * swapped order, or not at all. API calls ({@code /v1/*}): answered 500 without doing anything,
 * answered late (the client's read timeout fires), or done and then the connection cut before the
 * answer (the charge happened, the caller cannot know). Counted faults ("the next N calls") come
 * first, then the seeded rates. Switchable while running, from Java or {@code POST
 * /_emulator/faults}.
 */
public final class Faults {
  /** What happens to one API call. */
  public enum ApiFault {
    /** Answered normally. */
    NONE,
    /** Answered 500 before anything is done. */
    SERVER_ERROR,
    /** Done (charge, ledger, webhooks), then the connection is cut: no answer at all. */
    LOSE_ANSWER
  }

  public volatile boolean duplicate;
  public volatile boolean reorder;
  public volatile boolean drop;
  public volatile Duration delay = Duration.ZERO;

  /** Each API call waits this long before it is answered (after it was done). */
  public volatile Duration apiDelay = Duration.ZERO;

  private final AtomicInteger serverErrorsLeft = new AtomicInteger();
  private final AtomicInteger lostAnswersLeft = new AtomicInteger();
  private volatile double serverErrorRate;
  private volatile double lostAnswerRate;
  private Random random = new Random(0);
  private final AtomicInteger injected = new AtomicInteger();

  public static Faults fromEnv(orderpay.runtime.Env env) {
    var faults = new Faults();
    faults.duplicate = Boolean.parseBoolean(env.get("STRIPE_EMULATOR_DUPLICATE_WEBHOOKS", "false"));
    faults.reorder = Boolean.parseBoolean(env.get("STRIPE_EMULATOR_REORDER_WEBHOOKS", "false"));
    faults.drop = Boolean.parseBoolean(env.get("STRIPE_EMULATOR_DROP_WEBHOOKS", "false"));
    faults.delay = env.duration("STRIPE_EMULATOR_WEBHOOK_DELAY", Duration.ZERO);
    faults.apiDelay = env.duration("STRIPE_EMULATOR_API_DELAY", Duration.ZERO);
    faults.seed(Long.parseLong(env.get("STRIPE_EMULATOR_FAULT_SEED", "0")));
    faults.serverErrorRate(Double.parseDouble(env.get("STRIPE_EMULATOR_API_ERROR_RATE", "0")));
    faults.lostAnswerRate(Double.parseDouble(env.get("STRIPE_EMULATOR_LOST_ANSWER_RATE", "0")));
    return faults;
  }

  /** The next {@code count} API calls are answered 500 and change nothing. */
  public void failNext(int count) {
    serverErrorsLeft.set(count);
  }

  /** The next {@code count} mutating API calls are done, then their connection is cut. */
  public void loseNextAnswers(int count) {
    lostAnswersLeft.set(count);
  }

  /** A fraction of API calls answered 500 (drawn from the seeded generator). */
  public void serverErrorRate(double rate) {
    serverErrorRate = checkRate(rate);
  }

  /** A fraction of mutating API calls whose answer is lost after they were done. */
  public void lostAnswerRate(double rate) {
    lostAnswerRate = checkRate(rate);
  }

  /** Reseeds the generator behind the rates, so a run is reproducible. */
  public synchronized void seed(long seed) {
    random = new Random(seed);
  }

  /** How many API faults (500s and lost answers) were injected so far. */
  public int injectedApiFaults() {
    return injected.get();
  }

  /** Decides the fate of one API call; {@code mutating} calls (POST) can lose their answer. */
  ApiFault next(boolean mutating) {
    ApiFault fault = decide(mutating);
    if (fault != ApiFault.NONE) {
      injected.incrementAndGet();
    }
    return fault;
  }

  private ApiFault decide(boolean mutating) {
    if (serverErrorsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return ApiFault.SERVER_ERROR;
    }
    if (mutating && lostAnswersLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return ApiFault.LOSE_ANSWER;
    }
    double errorRate = serverErrorRate;
    double loseRate = mutating ? lostAnswerRate : 0;
    if (errorRate == 0 && loseRate == 0) {
      return ApiFault.NONE;
    }
    double draw;
    synchronized (this) {
      draw = random.nextDouble();
    }
    if (draw < errorRate) {
      return ApiFault.SERVER_ERROR;
    }
    return draw < errorRate + loseRate ? ApiFault.LOSE_ANSWER : ApiFault.NONE;
  }

  /**
   * Applies the switches present in a JSON object (absent ones stay as they are): {@code
   * duplicate_webhooks, reorder_webhooks, drop_webhooks, webhook_delay_ms, api_delay_ms, fail_next,
   * lose_next_answers, server_error_rate, lost_answer_rate, seed, reset}.
   */
  public void apply(JsonNode switches) {
    if (switches.path("reset").asBoolean(false)) {
      reset();
    }
    if (switches.has("seed")) {
      seed(switches.get("seed").asLong());
    }
    if (switches.has("duplicate_webhooks")) {
      duplicate = switches.get("duplicate_webhooks").asBoolean();
    }
    if (switches.has("reorder_webhooks")) {
      reorder = switches.get("reorder_webhooks").asBoolean();
    }
    if (switches.has("drop_webhooks")) {
      drop = switches.get("drop_webhooks").asBoolean();
    }
    if (switches.has("webhook_delay_ms")) {
      delay = Duration.ofMillis(switches.get("webhook_delay_ms").asLong());
    }
    if (switches.has("api_delay_ms")) {
      apiDelay = Duration.ofMillis(switches.get("api_delay_ms").asLong());
    }
    if (switches.has("fail_next")) {
      failNext(switches.get("fail_next").asInt());
    }
    if (switches.has("lose_next_answers")) {
      loseNextAnswers(switches.get("lose_next_answers").asInt());
    }
    if (switches.has("server_error_rate")) {
      serverErrorRate(switches.get("server_error_rate").asDouble());
    }
    if (switches.has("lost_answer_rate")) {
      lostAnswerRate(switches.get("lost_answer_rate").asDouble());
    }
  }

  /** The switches as they are now (what {@code GET /_emulator/faults} answers). */
  public ObjectNode describe() {
    var node = JsonNodeFactory.instance.objectNode();
    node.put("duplicate_webhooks", duplicate);
    node.put("reorder_webhooks", reorder);
    node.put("drop_webhooks", drop);
    node.put("webhook_delay_ms", delay.toMillis());
    node.put("api_delay_ms", apiDelay.toMillis());
    node.put("fail_next", serverErrorsLeft.get());
    node.put("lose_next_answers", lostAnswersLeft.get());
    node.put("server_error_rate", serverErrorRate);
    node.put("lost_answer_rate", lostAnswerRate);
    node.put("injected_api_faults", injected.get());
    return node;
  }

  public void reset() {
    duplicate = false;
    reorder = false;
    drop = false;
    delay = Duration.ZERO;
    apiDelay = Duration.ZERO;
    serverErrorsLeft.set(0);
    lostAnswersLeft.set(0);
    serverErrorRate = 0;
    lostAnswerRate = 0;
  }

  private static double checkRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a fault rate is between 0 and 1, not " + rate);
    }
    return rate;
  }
}
