package orderpay.apps.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The monitoring files under deploy/ as tests read them: the alert rules, the dashboard's queries,
 * and the metric names a PromQL expression asks for.
 */
final class MonitoringFiles {
  static final Path ALERT_RULES = Path.of("../../deploy/prometheus/alert-rules.yaml");
  static final Path SCRAPE_CONFIG = Path.of("../../deploy/prometheus/prometheus.yaml");
  static final Path DASHBOARD = Path.of("../../deploy/grafana/orderpay-dashboard.json");
  static final Path OPERATIONS = Path.of("../../docs/operations.md");

  /** Series Prometheus makes itself rather than scrapes. */
  static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPINGS =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  // an identifier not followed by "(" (that would be a function)
  private static final Pattern NAMES = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring");

  private MonitoringFiles() {}

  static List<JsonNode> alertRules() {
    var rules = new ArrayList<JsonNode>();
    for (JsonNode group : read(new YAMLMapper(), ALERT_RULES).path("groups")) {
      group.path("rules").forEach(rules::add);
    }
    return rules;
  }

  static JsonNode dashboard() {
    return read(new ObjectMapper(), DASHBOARD);
  }

  /** Every query of every panel of the dashboard. */
  static List<String> dashboardQueries() {
    return StreamSupport.stream(dashboard().path("panels").spliterator(), false)
        .flatMap(panel -> StreamSupport.stream(panel.path("targets").spliterator(), false))
        .map(target -> target.path("expr").asText())
        .toList();
  }

  /** Every PromQL expression of the alert rules and the dashboard. */
  static List<String> allQueries() {
    var queries = new ArrayList<String>();
    alertRules().forEach(rule -> queries.add(rule.path("expr").asText()));
    queries.addAll(dashboardQueries());
    return queries;
  }

  /** The metric names a PromQL expression selects (not its functions, labels or keywords). */
  static Set<String> metricNames(String promql) {
    String bare = STRINGS.matcher(promql).replaceAll("\"\"");
    bare = MATCHERS.matcher(bare).replaceAll(" ");
    bare = RANGES.matcher(bare).replaceAll(" ");
    bare = GROUPINGS.matcher(bare).replaceAll(" ");
    var names = new TreeSet<String>();
    var found = NAMES.matcher(bare);
    while (found.find()) {
      if (!KEYWORDS.contains(found.group())) {
        names.add(found.group());
      }
    }
    return names;
  }

  static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
