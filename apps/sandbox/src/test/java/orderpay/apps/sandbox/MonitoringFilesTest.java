package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus and deploy/grafana are complete: every alert has its expression, a pending
 * period, a severity and the annotations an on-call engineer reads, with a runbook that exists in
 * docs/operations.md; every dashboard panel has a query. (Whether the metrics they name exist is
 * ServiceMetricsTest's question: it needs the running system.)
 */
class MonitoringFilesTest {
  /** The headings of docs/operations.md as GitHub anchors them. */
  private static Set<String> anchors() throws Exception {
    return Files.readAllLines(MonitoringFiles.OPERATIONS).stream()
        .filter(line -> line.startsWith("#"))
        .map(line -> line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT))
        .map(title -> title.replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
        .collect(Collectors.toSet());
  }

  @Test
  void everyAlertHasAnExpressionAPendingPeriodASeverityAndARunbookThatExists() throws Exception {
    var rules = MonitoringFiles.alertRules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(5);
    var anchors = anchors();
    var names = new HashSet<String>();
    for (JsonNode rule : rules) {
      String alert = rule.path("alert").asText();
      assertThat(names.add(alert)).as("alert names are unique: %s", alert).isTrue();
      assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
      assertThat(rule.path("for").asText()).as(alert).matches("\\d+[smh]");
      assertThat(rule.at("/labels/severity").asText()).as(alert).isIn("critical", "warning");
      assertThat(rule.at("/annotations/summary").asText()).as(alert).isNotBlank();
      assertThat(rule.at("/annotations/description").asText()).as(alert).isNotBlank();
      String runbook = rule.at("/annotations/runbook").asText();
      assertThat(runbook).as(alert).startsWith("docs/operations.md#");
      assertThat(anchors)
          .as("%s's runbook section in docs/operations.md", alert)
          .contains(runbook.substring(runbook.indexOf('#') + 1));
      assertThat(MonitoringFiles.metricNames(rule.path("expr").asText()))
          .as("%s selects some metric", alert)
          .isNotEmpty();
    }
  }

  @Test
  void theRulesWatchWhatTheRunbookPromises() {
    var watched =
        MonitoringFiles.alertRules().stream()
            .flatMap(rule -> MonitoringFiles.metricNames(rule.path("expr").asText()).stream())
            .collect(Collectors.toSet());
    assertThat(watched)
        .contains(
            "up",
            "outbox_oldest_age_seconds",
            "kafka_consumer_lag",
            "dlq_parked_total",
            "orders_pending_oldest_age_seconds");
  }

  @Test
  void prometheusLoadsTheRulesAndEveryDashboardPanelHasAQuery() {
    var scrape = MonitoringFiles.read(new YAMLMapper(), MonitoringFiles.SCRAPE_CONFIG);
    assertThat(scrape.path("rule_files").get(0).asText()).isEqualTo("alert-rules.yaml");
    assertThat(scrape.at("/scrape_configs/0/job_name").asText())
        .as("the job the target-down rule selects")
        .isEqualTo("orderpay");

    var dashboard = MonitoringFiles.dashboard();
    var ids = new HashSet<Integer>();
    int charts = 0;
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      charts++;
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(MonitoringFiles.metricNames(target.path("expr").asText()))
            .as("%s: %s", panel.path("title").asText(), target.path("expr").asText())
            .isNotEmpty();
      }
    }
    assertThat(charts).isGreaterThanOrEqualTo(9);
  }

  @Test
  void metricNamesAreReadFromPromqlWithoutFunctionsLabelsOrRanges() {
    assertThat(
            MonitoringFiles.metricNames(
                "histogram_quantile(0.95, sum by (le, method) "
                    + "(rate(grpc_server_calls_seconds_bucket{status!=\"OK\"}[$__rate_interval])))"))
        .containsExactly("grpc_server_calls_seconds_bucket");
    assertThat(
            MonitoringFiles.metricNames(
                "max by (service) (hikaricp_connections_active / hikaricp_connections_max) > 0.9"
                    + " and on (service) up == 1"))
        .containsExactlyInAnyOrder("hikaricp_connections_active", "hikaricp_connections_max", "up");
  }
}
