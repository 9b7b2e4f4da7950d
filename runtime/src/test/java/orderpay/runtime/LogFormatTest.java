package orderpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** ORDERPAY_LOG_FORMAT=JSON makes every line one JSON object carrying the trace id; TEXT stays. */
class LogFormatTest {

  /** Run in a child JVM: logs one line with a trace id, the way every service does. */
  public static void main(String[] args) {
    MDC.put("trace_id", "trace-123");
    LoggerFactory.getLogger("orderpay.test").info("order {} placed", "o-1");
  }

  private static String runWith(String format) throws Exception {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), LogFormatTest.class.getName())
            .redirectErrorStream(true);
    builder.environment().put("ORDERPAY_LOG_FORMAT", format);
    var process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output.strip();
  }

  @Test
  void jsonLinesCarryLevelLoggerMessageAndTraceId() throws Exception {
    String line =
        runWith("JSON")
            .lines()
            .filter(l -> l.contains("order o-1 placed"))
            .findFirst()
            .orElseThrow();
    var json = new ObjectMapper().readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("loggerName").asText()).isEqualTo("orderpay.test");
    assertThat(json.path("formattedMessage").asText()).isEqualTo("order o-1 placed");
    assertThat(json.at("/mdc/trace_id").asText()).isEqualTo("trace-123");
  }

  @Test
  void textStaysReadable() throws Exception {
    assertThat(runWith("TEXT")).contains("INFO", "orderpay.test trace-123 - order o-1 placed");
  }

  @Test
  void theLogLineIsAllAProcessPrintsNoLoggingSetUpNoise() throws Exception {
    for (String format : new String[] {"TEXT", "JSON"}) {
      assertThat(runWith(format).lines()).as(format).hasSize(1);
    }
  }
}
