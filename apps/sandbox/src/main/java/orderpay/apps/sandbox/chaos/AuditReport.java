package orderpay.apps.sandbox.chaos;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every invariant's finding after one run. */
public record AuditReport(List<Finding> findings) {
  public AuditReport {
    findings = List.copyOf(findings);
  }

  public boolean passed() {
    return findings.stream().allMatch(Finding::passed);
  }

  public Finding finding(Invariant invariant) {
    return findings.stream()
        .filter(f -> f.invariant() == invariant)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(invariant + " was not audited"));
  }

  public Optional<Finding> firstFailure() {
    return findings.stream().filter(f -> !f.passed()).findFirst();
  }

  /** One line per invariant. */
  public String summary() {
    return findings.stream().map(Finding::line).collect(Collectors.joining(System.lineSeparator()));
  }
}
