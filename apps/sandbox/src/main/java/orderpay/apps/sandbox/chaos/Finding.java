package orderpay.apps.sandbox.chaos;

import java.util.List;
import java.util.stream.Collectors;

/** The auditor's verdict on one invariant, with every offending id and why it offends. */
public record Finding(Invariant invariant, List<Violation> violations) {
  public enum Verdict {
    PASS,
    FAIL
  }

  /** One offending thing: an order, product, charge, key or message, and what is wrong with it. */
  public record Violation(String id, String reason) {}

  private static final int REASONS_SHOWN = 3;

  public Finding {
    violations = List.copyOf(violations);
  }

  public Verdict verdict() {
    return violations.isEmpty() ? Verdict.PASS : Verdict.FAIL;
  }

  public boolean passed() {
    return violations.isEmpty();
  }

  public List<String> offendingIds() {
    return violations.stream().map(Violation::id).distinct().toList();
  }

  /** A short reason: the first few violations spelled out, then how many more. */
  public String reason() {
    if (violations.isEmpty()) {
      return invariant.statement();
    }
    String shown =
        violations.stream()
            .limit(REASONS_SHOWN)
            .map(v -> v.id() + ": " + v.reason())
            .collect(Collectors.joining("; "));
    int more = violations.size() - REASONS_SHOWN;
    return more > 0 ? shown + "; and " + more + " more" : shown;
  }

  /** One line: {@code I2 FAIL at most one successful charge per order [ids] (reason)}. */
  public String line() {
    return passed()
        ? "%s PASS %s".formatted(invariant, invariant.statement())
        : "%s FAIL %s %s (%s)"
            .formatted(invariant, invariant.statement(), offendingIds(), reason());
  }
}
