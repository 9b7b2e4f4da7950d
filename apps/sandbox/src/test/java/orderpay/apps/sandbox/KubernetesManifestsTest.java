package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.apps.inventory.InventoryService;
import orderpay.apps.notification.NotificationService;
import orderpay.apps.order.OrderService;
import orderpay.apps.payment.PaymentService;
import orderpay.apps.product.ProductService;
import orderpay.apps.user.UserService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s renders (the output is checked in under deploy/k8s/rendered, re-rendered here when
 * kubectl is installed) into objects that follow our rules: probes, requests and limits, non-root
 * and read-only containers, labels, no secret values, a Service, a disruption budget and a network
 * policy for every service that admits only the callers the architecture draws.
 */
class KubernetesManifestsTest {
  private static final Path K8S = Path.of("../../deploy/k8s");
  private static final List<String> BACKENDS =
      List.of("user", "product", "inventory", "order", "payment", "notification");
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JWK|PRIVATE).*");

  /**
   * Who may call whom: the services' own caller policies, less the callers that are not pods (the
   * support tools' {@code operator}). The network must let exactly these through.
   */
  private static final Map<String, Set<String>> CALLERS =
      Map.of(
          "user-service", pods(UserService.CALLERS),
          "product-service", pods(ProductService.CALLERS),
          "inventory-service", pods(InventoryService.CALLERS),
          "order-service", pods(OrderService.CALLERS),
          "payment-service", pods(PaymentService.CALLERS),
          "notification-service", pods(NotificationService.CALLERS));

  private static Set<String> pods(CallerPolicy policy) {
    return policy.callers().stream()
        .filter(caller -> caller.equals(Callers.GATEWAY) || caller.endsWith("-service"))
        .collect(java.util.stream.Collectors.toSet());
  }

  private static List<JsonNode> objects(String overlay) throws IOException {
    return parse(Files.readString(K8S.resolve("rendered/" + overlay + ".yaml")));
  }

  private static List<JsonNode> parse(String rendered) throws IOException {
    try (var parser = new YAMLMapper().createParser(rendered)) {
      var all = new ArrayList<JsonNode>();
      new YAMLMapper().readValues(parser, JsonNode.class).forEachRemaining(all::add);
      return all;
    }
  }

  private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  private static String name(JsonNode object) {
    return object.at("/metadata/name").asText();
  }

  private static JsonNode podSpec(JsonNode workload) {
    return workload.at("/spec/template/spec");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void theCheckedInRenderingIsWhatKustomizeMakesOfTheSources(String overlay) throws Exception {
    boolean kubectl;
    try {
      kubectl = new ProcessBuilder("kubectl", "version", "--client").start().waitFor() == 0;
    } catch (IOException absent) {
      kubectl = false;
    }
    Assumptions.assumeTrue(
        kubectl, "kubectl is not installed (apt-get install kubectl): rendering not re-checked");
    var process =
        new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays/" + overlay).toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    // compared as objects, so a kubectl that formats differently still agrees on the content
    assertThat(parse(output))
        .as(
            "re-render with: kubectl kustomize deploy/k8s/overlays/%s > deploy/k8s/rendered/%s.yaml",
            overlay, overlay)
        .containsExactlyInAnyOrderElementsOf(objects(overlay));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyWorkloadIsProbedBoundedAndLockedDown(String overlay) throws Exception {
    var objects = objects(overlay);
    var workloads = new ArrayList<JsonNode>();
    workloads.addAll(ofKind(objects, "Deployment"));
    workloads.addAll(ofKind(objects, "StatefulSet"));
    var jobs = ofKind(objects, "Job");
    assertThat(workloads).hasSizeGreaterThanOrEqualTo(7);
    for (var workload : concat(workloads, jobs)) {
      var pod = podSpec(workload);
      assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name(workload)).isTrue();
      assertThat(workload.at("/metadata/labels/app.kubernetes.io~1name").asText())
          .as(name(workload))
          .isEqualTo(name(workload));
      for (var container : pod.path("containers")) {
        String where = name(workload) + "/" + container.path("name").asText();
        for (String bound :
            List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
          assertThat(container.at("/resources/" + bound).isMissingNode())
              .as(where + " " + bound)
              .isFalse();
        }
        var security = container.path("securityContext");
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(where).isFalse();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(where).isTrue();
        assertThat(security.at("/capabilities/drop").toString()).as(where).contains("ALL");
        if (!jobs.contains(workload)) {
          for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(container.has(probe)).as(where + " " + probe).isTrue();
          }
        }
      }
    }
    for (String backend : BACKENDS) {
      var deployment = find(objects, "Deployment", backend + "-service");
      var container = podSpec(deployment).path("containers").get(0);
      int port = container.at("/ports/0/containerPort").asInt();
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        assertThat(container.at("/" + probe + "/grpc/port").asInt()).as(backend).isEqualTo(port);
      }
      assertThat(podSpec(deployment).at("/containers/0/env").toString()).contains("_GRPC_HOST");
      assertThat(
              deployment.at("/spec/template/metadata/labels/app.kubernetes.io~1part-of").asText())
          .isEqualTo("orderpay");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void noSecretValueIsInTheManifests(String overlay) throws Exception {
    var objects = objects(overlay);
    assertThat(ofKind(objects, "Secret")).isEmpty();
    for (var map : ofKind(objects, "ConfigMap")) {
      map.path("data")
          .fieldNames()
          .forEachRemaining(key -> assertThat(key).doesNotMatch(SECRET_NAME));
    }
    for (var workload : concat(ofKind(objects, "Deployment"), ofKind(objects, "StatefulSet"))) {
      for (var container : podSpec(workload).path("containers")) {
        for (var variable : container.path("env")) {
          if (SECRET_NAME.matcher(variable.path("name").asText()).matches()) {
            assertThat(variable.has("value")).as(name(workload) + " " + variable).isFalse();
            assertThat(variable.at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyServiceHasAServiceABudgetAndOnlyItsCallers(String overlay) throws Exception {
    var objects = objects(overlay);
    for (String service :
        concat(BACKENDS.stream().map(b -> b + "-service").toList(), List.of("gateway"))) {
      assertThat(
              find(objects, "Service", service)
                  .at("/spec/selector/app.kubernetes.io~1name")
                  .asText())
          .isEqualTo(service);
      assertThat(find(objects, "PodDisruptionBudget", service).at("/spec/maxUnavailable").asInt())
          .isEqualTo(1);
    }
    var defaultDeny = find(objects, "NetworkPolicy", "default-deny-ingress");
    assertThat(defaultDeny.at("/spec/podSelector").isEmpty()).isTrue();
    assertThat(defaultDeny.at("/spec/ingress").isMissingNode()).isTrue();
    var callers = new TreeMap<String, Set<String>>();
    for (var policy : ofKind(objects, "NetworkPolicy")) {
      String target = policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText();
      if (target.endsWith("-service")) {
        var container = podSpec(find(objects, "Deployment", target)).path("containers").get(0);
        int grpc = container.at("/ports/0/containerPort").asInt();
        int metrics = container.at("/ports/1/containerPort").asInt();
        var from = new TreeSet<String>();
        for (var rule : policy.at("/spec/ingress")) {
          var ports = new TreeSet<Integer>();
          rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
          var peers = new TreeSet<String>();
          rule.path("from")
              .forEach(
                  peer ->
                      peers.add(
                          peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()));
          if (ports.equals(Set.of(metrics))) {
            assertThat(peers).as(target + " metrics").containsExactly("prometheus");
          } else {
            assertThat(ports).as(target + " rule ports").containsExactly(grpc);
            from.addAll(peers);
          }
        }
        callers.put(target, from);
      }
    }
    assertThat(callers).isEqualTo(new TreeMap<>(CALLERS));
    assertThat(ofKind(objects, "HorizontalPodAutoscaler"))
        .extracting(h -> h.at("/spec/scaleTargetRef/name").asText())
        .containsExactlyInAnyOrder("gateway", "order-service");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void theTopicJobCreatesEveryTopicAndItsDeadLetterTopic(String overlay) throws Exception {
    var job = find(objects(overlay), "Job", "kafka-topics");
    String script = podSpec(job).at("/containers/0/args/0").asText();
    for (String topic : KafkaTopics.all(new KafkaSettings("unused:9092", ""))) {
      assertThat(script).contains("create " + topic + " ");
    }
  }

  @org.junit.jupiter.api.Test
  void prodRunsTwoOfEverythingOnExternalPostgresAndKafka() throws Exception {
    var objects = objects("prod");
    assertThat(ofKind(objects, "StatefulSet")).isEmpty();
    for (var deployment : ofKind(objects, "Deployment")) {
      assertThat(deployment.at("/spec/replicas").asInt())
          .as(name(deployment))
          .isGreaterThanOrEqualTo(2);
    }
    for (String backend : BACKENDS) {
      var env = podSpec(find(objects, "Deployment", backend + "-service")).at("/containers/0/env");
      var fromExternal = new TreeSet<String>();
      env.forEach(
          v -> {
            if (v.at("/valueFrom/secretKeyRef/name").asText().equals("orderpay-external")) {
              fromExternal.add(v.path("name").asText());
            }
          });
      assertThat(fromExternal)
          .contains(
              backend.toUpperCase(java.util.Locale.ROOT) + "_DB_URL", "KAFKA_BOOTSTRAP_SERVERS");
    }
    assertThat(
            find(objects, "ConfigMap", null, "orderpay-config")
                .at("/data/ORDERPAY_LOG_FORMAT")
                .asText())
        .isEqualTo("JSON"); // JSON lines for the log pipeline
    var topics = find(objects, "ConfigMap", null, "orderpay-topics");
    assertThat(topics.at("/data/REPLICATION_FACTOR").asText()).isEqualTo("3");
    assertThat(topics.at("/data/MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
  }

  private static JsonNode find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind) && name(o).equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  /** A generated ConfigMap's name carries a content hash: found by its prefix. */
  private static JsonNode find(List<JsonNode> objects, String kind, Void unused, String prefix) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind) && name(o).startsWith(prefix + "-"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + prefix));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    var all = new ArrayList<T>(a);
    all.addAll(b);
    return all;
  }
}
