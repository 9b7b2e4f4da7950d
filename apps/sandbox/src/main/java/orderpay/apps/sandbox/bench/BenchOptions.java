package orderpay.apps.sandbox.bench;

import java.time.Duration;
import java.util.List;
import orderpay.runtime.Env;

/**
 * {@code ./orderpay bench [--clients N | --rate R] [--warmup S (at most)] [--warmup-clients N]
 * [--seconds S] [--cluster] [--replicas N] [--profile FILE] [--ceiling S] [--products N]}. The
 * warm-up runs the measured load unless {@code --warmup-clients} asks for a closed load of its own
 * (a low rate measured on a system warmed up at full load). Whole seconds; the environment's {@code
 * BENCH_CLIENTS}, {@code BENCH_WARMUP} and {@code BENCH_SECONDS} are the defaults the flags
 * override.
 */
public record BenchOptions(
    Load load,
    Load warmupLoad,
    Duration warmup,
    Duration measure,
    boolean cluster,
    int replicas,
    String profileFile,
    Duration ceiling,
    int products) {

  /** How requests arrive: a fixed number of clients, or a fixed schedule. */
  public sealed interface Load {
    /** How the bench's report names it, e.g. {@code mode=closed clients=64}. */
    default String describe() {
      return switch (this) {
        case Closed closed -> "mode=closed clients=" + closed.clients();
        case Open open -> "mode=open rate=" + open.perSecond();
      };
    }
  }

  /** Closed model: each client sends its next order when the last one was answered. */
  public record Closed(int clients) implements Load {
    public Closed {
      requireBetween("--clients", clients, 1, 4096);
    }
  }

  /**
   * Open model: orders start on a fixed schedule whatever the answers do; latency counts from each
   * request's intended start, so a stall shows up instead of slowing the load (no coordinated
   * omission).
   */
  public record Open(int perSecond) implements Load {
    public Open {
      requireBetween("--rate", perSecond, 1, 100_000);
    }
  }

  public BenchOptions {
    if (measure.isZero() || measure.isNegative()) {
      throw new IllegalArgumentException("--seconds must be at least 1");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (ceiling.isZero() || ceiling.isNegative()) {
      throw new IllegalArgumentException("--ceiling must be at least 1 second");
    }
    requireBetween("--replicas", replicas, 1, 9);
    requireBetween("--products", products, 1, 1000);
  }

  public static final String USAGE =
      "usage: bench [--clients N | --rate R] [--warmup S] [--warmup-clients N] [--seconds S]"
          + " [--cluster [--replicas N]] [--profile FILE] [--ceiling S] [--products N]";

  public static BenchOptions parse(List<String> args, Env env) {
    Load load = new Closed(env.integer("BENCH_CLIENTS", 64));
    Duration warmup = env.duration("BENCH_WARMUP", Duration.ofSeconds(60));
    Duration measure = env.duration("BENCH_SECONDS", Duration.ofSeconds(60));
    boolean cluster = false;
    int replicas = 2;
    String profile = null;
    Duration ceiling = Duration.ofSeconds(10);
    int products = 1; // every order updates the same stock row: a flash sale's worst case
    Load warmupLoad = null;
    boolean clientsGiven = false;
    boolean rateGiven = false;
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (flag.equals("--cluster")) {
        cluster = true;
        continue;
      }
      if (!List.of(
              "--clients",
              "--rate",
              "--warmup",
              "--warmup-clients",
              "--seconds",
              "--replicas",
              "--profile",
              "--ceiling",
              "--products")
          .contains(flag)) {
        throw new IllegalArgumentException("unknown option '" + flag + "'; " + USAGE);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
      }
      String value = args.get(++i);
      switch (flag) {
        case "--clients" -> {
          load = new Closed(number(flag, value));
          clientsGiven = true;
        }
        case "--rate" -> {
          load = new Open(number(flag, value));
          rateGiven = true;
        }
        case "--warmup" -> warmup = Duration.ofSeconds(number(flag, value));
        case "--warmup-clients" -> warmupLoad = new Closed(number(flag, value));
        case "--seconds" -> measure = Duration.ofSeconds(number(flag, value));
        case "--replicas" -> replicas = number(flag, value);
        case "--profile" -> profile = value;
        case "--ceiling" -> ceiling = Duration.ofSeconds(number(flag, value));
        case "--products" -> products = number(flag, value);
        default -> throw new IllegalStateException(flag);
      }
    }
    if (clientsGiven && rateGiven) {
      throw new IllegalArgumentException("--clients and --rate exclude each other; " + USAGE);
    }
    return new BenchOptions(
        load,
        warmupLoad == null ? load : warmupLoad,
        warmup,
        measure,
        cluster,
        replicas,
        profile,
        ceiling,
        products);
  }

  /** The one wording of a range check, so every option's error reads alike. */
  private static void requireBetween(String flag, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          flag + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static int number(String flag, String value) {
    if (!value.matches("\\d{1,9}")) {
      throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
    }
    return Integer.parseInt(value);
  }
}
