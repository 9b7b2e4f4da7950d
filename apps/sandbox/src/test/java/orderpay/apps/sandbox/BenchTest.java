package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import orderpay.apps.sandbox.bench.Bench;
import orderpay.apps.sandbox.bench.BenchOptions;
import orderpay.apps.sandbox.bench.BenchTarget;
import orderpay.devstack.SharedTestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark as an instrument: against a real sandbox it places paid orders, waits until they
 * are complete, and reports every figure in its closing line. It asserts what the figures mean
 * (counts, completeness, the open model's fixed schedule), never how fast anything was.
 */
class BenchTest {
  private static final Pattern CLOSING =
      Pattern.compile(
          "bench: shape=sandbox (mode=closed clients=\\d+|mode=open rate=\\d+)"
              + " products=(?<products>\\d+) warmup_s=\\d+"
              + " seconds=\\d+ paid_per_s=(?<paid>[\\d.]+) errors=(?<errors>\\d+)"
              + " incomplete=(?<incomplete>\\d+) p50_ms=[\\d.]+ p99_ms=[\\d.]+ p999_ms=[\\d.]+"
              + " paid_p99_ms=[\\d.]+ mail_p99_ms=[\\d.]+ cpu_ms_per_order=(?<cpu>[\\d.]+)"
              + " tx_per_order=(?<tx>[\\d.]+) db_ceiling_tx_per_s=(?<ceiling>\\d+)"
              + " rss_mib=(?<rss>\\d+) jit_ms=(?<jit>\\d+)"
              + " jit_cpu_ms=(?<jitCpu>\\d+)");
  private static final Pattern CPU_LINE =
      Pattern.compile(
          "(?m)^CPU: [\\d.]+ ms per paid order over every process \\(\\d+% of \\d+ cores\\)"
              + " \\(the instrument's own \\d+ ms left out\\); by process: postgres [\\d.]+"
              + " sandbox\\+load [\\d.]+$");

  private static RunningSandbox system;
  private static BenchTarget target;

  @BeforeAll
  static void start() {
    system = RunningSandbox.start(BenchTest.class, BenchTarget.ENVIRONMENT);
    String orderDatabase = system.sandbox.environment().required("ORDER_DB_URL");
    String prefix =
        orderDatabase.substring(orderDatabase.lastIndexOf('/') + 1).replaceFirst("_order$", "");
    target =
        BenchTarget.inProcess(system.sandbox, SharedTestInfrastructure.postgres().port(), prefix);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void closedModelReportsPaidCompleteOrdersAndTheirCost() throws Exception {
    // two clients on two products: each buys its own
    var report = run(new BenchOptions.Closed(2), 2, 2);
    var line = closing(report);
    assertThat(line.get("products")).isEqualTo("2");
    assertThat(Double.parseDouble(line.get("paid"))).isPositive();
    assertThat(line.get("errors")).isEqualTo("0");
    assertThat(line.get("incomplete")).as(report).isEqualTo("0");
    assertThat(Double.parseDouble(line.get("cpu"))).isPositive();
    assertThat(Double.parseDouble(line.get("tx"))).isPositive();
    assertThat(Long.parseLong(line.get("ceiling"))).isPositive();
    assertThat(Long.parseLong(line.get("rss"))).isPositive();
    assertThat(CPU_LINE.matcher(report).find()).as(report).isTrue();
    assertThat(report)
        .as("the closing line's jit_ms and jit_cpu_ms are the JIT line's figures")
        .contains(
            "\nJIT: "
                + line.get("jit")
                + " ms compiling, "
                + line.get("jitCpu")
                + " ms of CPU in the measured window (bench JVM)\n");
    assertThat(report).contains("where an order's time goes").contains("reserve the units");
    assertThat(report)
        .as("the figures say which collector and heap they were measured with")
        .containsPattern("\\nJVM: garbage collectors .+; heap at most \\d+ MiB \\(bench JVM\\)\\n");
  }

  @Test
  void openModelKeepsItsScheduleWhateverTheAnswers() throws Exception {
    // 5 orders a second for 2 measured seconds: exactly 10 start in the window, however slow
    var report = run(new BenchOptions.Open(5), 2, 1);
    assertThat(report).contains("measured 2 s: 10 orders sent");
    var line = closing(report);
    assertThat(line.get("errors")).isEqualTo("0");
    assertThat(Double.parseDouble(line.get("paid"))).isEqualTo(5.0);
    assertThat(line.get("incomplete")).as(report).isEqualTo("0");
  }

  private static String run(BenchOptions.Load load, int seconds, int products) throws Exception {
    var options =
        new BenchOptions(
            load,
            load,
            Duration.ofSeconds(1),
            Duration.ofSeconds(seconds),
            false,
            1,
            null,
            Duration.ofSeconds(1),
            products);
    var buffer = new ByteArrayOutputStream();
    try (var out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      Bench.run(options, target, out);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> closing(String report) {
    String last = report.strip().lines().reduce((a, b) -> b).orElseThrow();
    var matcher = CLOSING.matcher(last);
    assertThat(matcher.matches()).as("closing line: " + last).isTrue();
    var values = new HashMap<String, String>();
    for (String name :
        new String[] {
          "paid", "errors", "incomplete", "cpu", "tx", "ceiling", "rss", "products", "jit", "jitCpu"
        }) {
      values.put(name, matcher.group(name));
    }
    return values;
  }
}
