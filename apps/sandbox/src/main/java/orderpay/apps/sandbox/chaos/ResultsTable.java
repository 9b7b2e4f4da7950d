package orderpay.apps.sandbox.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import orderpay.apps.sandbox.chaos.Chaos.Row;

/**
 * What a battery prints: a header, one line per scenario with a verdict per invariant, and under a
 * failed row its first violations; every violation goes to {@code audit.txt} in the run's folder.
 * docs/reliability.md and the notes' table script read these lines: their format is fixed.
 */
final class ResultsTable {
  private static final int VIOLATIONS_SHOWN = 10;

  private ResultsTable() {}

  static String header() {
    return "run   seed  %-18s %6s %6s  %s  took  fault"
        .formatted(
            "scenario",
            "orders",
            "faults",
            Stream.of(Invariant.values())
                .map(i -> "%-5s".formatted(i.name()))
                .collect(Collectors.joining()));
  }

  static String line(Row row) {
    String verdicts =
        row.findings().isEmpty()
            ? "-    ".repeat(Invariant.values().length)
            : row.findings().stream()
                .map(f -> "%-5s".formatted(f.verdict()))
                .collect(Collectors.joining());
    return "%3d %6d  %-18s %6d %6d  %s %5ds  %s  (%s)"
        .formatted(
            row.run(),
            row.seed(),
            row.scenario(),
            row.ordersPlaced(),
            row.injected().count(),
            verdicts,
            row.took().total().toSeconds(),
            row.error().map(e -> "ERROR " + e).orElse(row.injected().detail()),
            row.took());
  }

  /** The row, then under it each broken invariant with its first violations. */
  static void print(PrintStream out, Row row, Path auditFile) {
    out.println(line(row));
    for (var finding : row.findings()) {
      if (!finding.passed()) {
        out.printf("      %s FAIL %s:%n", finding.invariant(), finding.invariant().statement());
        finding.violations().stream()
            .limit(VIOLATIONS_SHOWN)
            .forEach(v -> out.printf("        %s: %s%n", v.id(), v.reason()));
        if (finding.violations().size() > VIOLATIONS_SHOWN) {
          out.printf(
              "        ... and %d more (all in %s)%n",
              finding.violations().size() - VIOLATIONS_SHOWN, auditFile);
        }
      }
    }
  }

  /** Every violation of a row, for whoever looks into a failed run. */
  static void appendToAudit(Path file, Row row) {
    var lines = new ArrayList<String>();
    lines.add(line(row));
    row.error().ifPresent(e -> lines.add("  error: " + e));
    for (var finding : row.findings()) {
      for (var violation : finding.violations()) {
        lines.add("  %s %s: %s".formatted(finding.invariant(), violation.id(), violation.reason()));
      }
    }
    try {
      Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the rows on the console say it too
    }
  }
}
