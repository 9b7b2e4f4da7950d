package orderpay.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration from environment variables. A malformed value stops start-up with a message that
 * names the variable, rather than running with a surprise.
 */
public final class Env {
  private final Map<String, String> variables;

  public Env(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  /** This environment with some variables replaced (the sandbox sets ports and URLs this way). */
  public Env with(Map<String, String> overrides) {
    var merged = new HashMap<>(variables);
    merged.putAll(overrides);
    return new Env(merged);
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(variables.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  public String get(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public String required(String name) {
    return optional(name)
        .orElseThrow(
            () -> new IllegalArgumentException("environment variable " + name + " is required"));
  }

  public int integer(String name, int fallback) {
    return optional(name).map(v -> parseInt(name, v)).orElse(fallback);
  }

  /**
   * Accepts ISO-8601 ({@code PT15M}) or a number with unit: {@code 250ms}, {@code 30s}, {@code
   * 15m}, {@code 2h}.
   */
  public Duration duration(String name, Duration fallback) {
    return optional(name).map(v -> parseDuration(name, v)).orElse(fallback);
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }

  static Duration parseDuration(String name, String value) {
    try {
      if (value.startsWith("P") || value.startsWith("p")) {
        return Duration.parse(value);
      }
      var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value);
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
    } catch (RuntimeException malformed) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        name + " must be a duration such as 30s, 15m or PT15M, got '" + value + "'");
  }
}
