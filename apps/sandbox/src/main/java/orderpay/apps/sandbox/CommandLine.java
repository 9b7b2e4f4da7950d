package orderpay.apps.sandbox;

import java.util.function.Supplier;

/**
 * What the sandbox's commands ({@code bench}, {@code chaos}, {@code cluster}) share: their usage.
 */
public final class CommandLine {
  private CommandLine() {}

  /**
   * The options {@code parse} reads from the command line; when it refuses them, its message goes
   * to stderr and the JVM exits with status 2 (a usage error), before anything has started.
   */
  public static <T> T parseOrExit(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw new IllegalStateException("unreachable: the JVM exits", e);
    }
  }
}
