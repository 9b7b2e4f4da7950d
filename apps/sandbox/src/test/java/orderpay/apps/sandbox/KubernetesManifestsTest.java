package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
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
import orderpay.apps.inventory.InventoryServiceModule;
import orderpay.apps.notification.NotificationServiceModule;
import orderpay.apps.order.OrderServiceModule;
import orderpay.apps.payment.PaymentServiceModule;
import orderpay.apps.product.ProductServiceModule;
import orderpay.apps.user.UserServiceModule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s renders (the output is checked in under deploy/k8s/rendered, re-rendered here when
 * kubectl is installed) into objects that follow our rules: probes, requests and limits, non-root
 * and read-only containers, labels, no secret values, a Service, a disruption budget and a network
 * policy for every service that admits only the callers the architecture draws. Every object is
 * also read into fabric8's typed Kubernetes model ({@link KubernetesModel}): a kind or a field the
 * model does not know fails, and the core rules are checked again on the typed objects, with every
 * selector and reference finding its target.
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
          "user-service", pods(UserServiceModule.CALLERS),
          "product-service", pods(ProductServiceModule.CALLERS),
          "inventory-service", pods(InventoryServiceModule.CALLERS),
          "order-service", pods(OrderServiceModule.CALLERS),
          "payment-service", pods(PaymentServiceModule.CALLERS),
          "notification-service", pods(NotificationServiceModule.CALLERS));

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

  @Test
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

  // ---- the same manifests read into fabric8's typed Kubernetes model ----

  private static final String NAME_LABEL = "app.kubernetes.io/name";

  /** The Secrets the operator creates (docs/operations.md): the only ones a manifest may name. */
  private static final Set<String> SECRETS = Set.of("orderpay-secrets", "orderpay-external");

  /** The kinds the manifests use, each with the model class it must read as. */
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "Deployment", Deployment.class,
          "StatefulSet", StatefulSet.class,
          "Job", Job.class,
          "Service", Service.class,
          "ConfigMap", ConfigMap.class,
          "PodDisruptionBudget", PodDisruptionBudget.class,
          "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
          "NetworkPolicy", NetworkPolicy.class);

  private static List<HasMetadata> typed(String overlay) throws IOException {
    return KubernetesModel.read(Files.readString(K8S.resolve("rendered/" + overlay + ".yaml")));
  }

  /** What runs pods: the selector is null for a Job (the API server makes its own). */
  private record Workload(
      HasMetadata object, LabelSelector selector, PodTemplateSpec template, Set<String> claims) {
    String name() {
      return object.getMetadata().getName();
    }

    boolean serves() {
      return !(object instanceof Job);
    }

    boolean selectedBy(Map<String, String> selector) {
      var labels = template.getMetadata().getLabels();
      return labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    /** Every port a container of the pod listens on, by number and by name. */
    Set<String> ports() {
      var ports = new TreeSet<String>();
      for (var container : template.getSpec().getContainers()) {
        for (var port : container.getPorts()) {
          ports.add(String.valueOf(port.getContainerPort()));
          if (port.getName() != null) {
            ports.add(port.getName());
          }
        }
      }
      return ports;
    }
  }

  private static List<Workload> workloads(List<HasMetadata> objects) {
    var workloads = new ArrayList<Workload>();
    for (var object : objects) {
      switch (object) {
        case Deployment d ->
            workloads.add(
                new Workload(d, d.getSpec().getSelector(), d.getSpec().getTemplate(), Set.of()));
        case StatefulSet s ->
            workloads.add(
                new Workload(
                    s,
                    s.getSpec().getSelector(),
                    s.getSpec().getTemplate(),
                    s.getSpec().getVolumeClaimTemplates().stream()
                        .map(claim -> claim.getMetadata().getName())
                        .collect(java.util.stream.Collectors.toSet())));
        case Job j -> workloads.add(new Workload(j, null, j.getSpec().getTemplate(), Set.of()));
        default -> {}
      }
    }
    return workloads;
  }

  private static <T extends HasMetadata> List<T> typedOfKind(
      List<HasMetadata> objects, Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private static String port(IntOrString port) {
    return port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyObjectIsOfAKindAndAShapeTheKubernetesModelKnows(String overlay) throws Exception {
    String rendered = Files.readString(K8S.resolve("rendered/" + overlay + ".yaml"));
    assertThat(KubernetesModel.problems(rendered)).isEmpty();
    var typed = KubernetesModel.read(rendered);
    var untyped = objects(overlay);
    assertThat(typed).hasSameSizeAs(untyped);
    for (int i = 0; i < typed.size(); i++) {
      String kind = untyped.get(i).path("kind").asText();
      assertThat(KINDS)
          .as("a kind new to the manifests: name its model class in KINDS")
          .containsKey(kind);
      assertThat(typed.get(i))
          .as(kind + " " + name(untyped.get(i)))
          .isExactlyInstanceOf(KINDS.get(kind));
      assertThat(typed.get(i).getMetadata().getName()).isEqualTo(name(untyped.get(i)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyTypedWorkloadIsProbedBoundedLockedDownAndNamesOnlyWhatExists(String overlay)
      throws Exception {
    var objects = typed(overlay);
    var configMaps =
        typedOfKind(objects, ConfigMap.class).stream().map(m -> m.getMetadata().getName()).toList();
    var workloads = workloads(objects);
    assertThat(workloads.stream().filter(Workload::serves)).hasSizeGreaterThanOrEqualTo(7);
    for (var workload : workloads) {
      String name = workload.name();
      assertThat(workload.object().getMetadata().getLabels())
          .as(name)
          .containsEntry(NAME_LABEL, name);
      if (workload.selector() != null) {
        assertThat(workload.selector().getMatchExpressions()).as(name).isEmpty();
        assertThat(workload.selectedBy(workload.selector().getMatchLabels()))
            .as(name + " selects its own pods")
            .isTrue();
      }
      var pod = workload.template().getSpec();
      assertThat(pod.getSecurityContext()).as(name).isNotNull();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
      var volumes = new TreeSet<>(workload.claims());
      for (var volume : pod.getVolumes()) {
        volumes.add(volume.getName());
        if (volume.getConfigMap() != null) {
          assertThat(configMaps).as(name + " volume").contains(volume.getConfigMap().getName());
        }
        if (volume.getSecret() != null) {
          assertThat(SECRETS).as(name + " volume").contains(volume.getSecret().getSecretName());
        }
      }
      var ports = workload.ports();
      var containers = new ArrayList<Container>(pod.getContainers());
      containers.addAll(pod.getInitContainers());
      for (var container : containers) {
        String where = name + "/" + container.getName();
        var resources = container.getResources();
        assertThat(resources).as(where).isNotNull();
        assertThat(resources.getRequests()).as(where + " requests").containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).as(where + " limits").containsKeys("cpu", "memory");
        for (String resource : List.of("cpu", "memory")) {
          assertThat(resources.getRequests().get(resource))
              .as(where + " " + resource + " request within its limit")
              .isLessThanOrEqualTo(resources.getLimits().get(resource));
        }
        var security = container.getSecurityContext();
        assertThat(security).as(where).isNotNull();
        assertThat(security.getAllowPrivilegeEscalation()).as(where).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).as(where).isTrue();
        assertThat(security.getCapabilities().getDrop()).as(where).contains("ALL");
        if (workload.serves() && pod.getContainers().contains(container)) {
          var probes = new TreeMap<String, Probe>();
          probes.put("startupProbe", container.getStartupProbe());
          probes.put("readinessProbe", container.getReadinessProbe());
          probes.put("livenessProbe", container.getLivenessProbe());
          probes.forEach(
              (kind, probe) -> {
                assertThat(probe).as(where + " " + kind).isNotNull();
                if (probe.getGrpc() != null) {
                  assertThat(ports)
                      .as(where + " " + kind)
                      .contains(String.valueOf(probe.getGrpc().getPort()));
                } else if (probe.getHttpGet() != null) {
                  assertThat(ports)
                      .as(where + " " + kind)
                      .contains(port(probe.getHttpGet().getPort()));
                } else if (probe.getTcpSocket() != null) {
                  assertThat(ports)
                      .as(where + " " + kind)
                      .contains(port(probe.getTcpSocket().getPort()));
                } else {
                  assertThat(probe.getExec()).as(where + " " + kind).isNotNull();
                }
              });
        }
        for (var mount : container.getVolumeMounts()) {
          assertThat(volumes).as(where + " mount").contains(mount.getName());
        }
        for (var source : container.getEnvFrom()) {
          if (source.getConfigMapRef() != null) {
            assertThat(configMaps).as(where).contains(source.getConfigMapRef().getName());
          }
          if (source.getSecretRef() != null) {
            assertThat(SECRETS).as(where).contains(source.getSecretRef().getName());
          }
        }
        for (var variable : container.getEnv()) {
          String what = where + " " + variable.getName();
          if (SECRET_NAME.matcher(variable.getName()).matches()) {
            assertThat(variable.getValue()).as(what).isNull();
          }
          var from = variable.getValueFrom();
          if (from != null && from.getConfigMapKeyRef() != null) {
            assertThat(configMaps).as(what).contains(from.getConfigMapKeyRef().getName());
          }
          if (from != null && from.getSecretKeyRef() != null) {
            assertThat(SECRETS).as(what).contains(from.getSecretKeyRef().getName());
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyTypedSelectorAndTargetFindsItsPods(String overlay) throws Exception {
    var objects = typed(overlay);
    var workloads = workloads(objects);
    for (var service : typedOfKind(objects, Service.class)) {
      String name = "Service " + service.getMetadata().getName();
      var selector = service.getSpec().getSelector();
      assertThat(selector).as(name).isNotEmpty();
      var selected = workloads.stream().filter(w -> w.selectedBy(selector)).toList();
      assertThat(selected).as(name + " selects pods").isNotEmpty();
      for (var port : service.getSpec().getPorts()) {
        String target =
            port.getTargetPort() == null
                ? String.valueOf(port.getPort())
                : port(port.getTargetPort());
        for (var workload : selected) {
          assertThat(workload.ports()).as(name + " -> " + workload.name()).contains(target);
        }
      }
    }
    for (var budget : typedOfKind(objects, PodDisruptionBudget.class)) {
      var selector = budget.getSpec().getSelector();
      assertThat(selector.getMatchExpressions()).isEmpty();
      assertThat(workloads)
          .as("PodDisruptionBudget " + budget.getMetadata().getName() + " selects pods")
          .anyMatch(w -> w.serves() && w.selectedBy(selector.getMatchLabels()));
    }
    for (var policy : typedOfKind(objects, NetworkPolicy.class)) {
      var selector = policy.getSpec().getPodSelector().getMatchLabels();
      if (selector != null && !selector.isEmpty()) {
        assertThat(workloads)
            .as("NetworkPolicy " + policy.getMetadata().getName() + " selects pods")
            .anyMatch(w -> w.selectedBy(selector));
      }
    }
    for (var autoscaler : typedOfKind(objects, HorizontalPodAutoscaler.class)) {
      var spec = autoscaler.getSpec();
      var target = spec.getScaleTargetRef();
      assertThat(typedOfKind(objects, Deployment.class))
          .as("HorizontalPodAutoscaler " + autoscaler.getMetadata().getName())
          .anyMatch(
              d ->
                  target.getKind().equals("Deployment")
                      && target.getApiVersion().equals(d.getApiVersion())
                      && target.getName().equals(d.getMetadata().getName()));
      assertThat(spec.getMinReplicas()).isBetween(1, spec.getMaxReplicas());
    }
  }

  private static final String MISSPELT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: typo
      spec:
        selector:
          matchLabels: {app: typo}
        template:
          metadata:
            labels: {app: typo}
          spec:
            containers:
              - name: app
                image: app
                readinesProbe:
                  grpc: {port: 50051}
                resources:
                  limits: {cpu: "1"}
                  requets: {cpu: 100m}
      """;

  @Test
  void theModelCheckFailsOnAMisspeltFieldAnUnknownKindAndAWrongType() {
    assertThat(KubernetesModel.problems(MISSPELT))
        .containsExactlyInAnyOrder(
            "Deployment typo: spec.template.spec.containers[0].readinesProbe is no field of Container",
            "Deployment typo: spec.template.spec.containers[0].resources.requets is no field of"
                + " ResourceRequirements");
    assertThat(
            KubernetesModel.problems(
                """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: gadget
                ---
                apiVersion: apps/v1
                kind: Deploymnt
                metadata:
                  name: typo
                ---
                apiVersion: apps/v1beta9
                kind: Deployment
                metadata:
                  name: old
                """))
        .hasSize(3)
        .allMatch(
            problem ->
                problem.contains("is no kind the model knows") || problem.contains("read as"))
        .anyMatch(
            problem -> problem.startsWith("Widget gadget: apiVersion example.com/v1, kind Widget"))
        .anyMatch(problem -> problem.startsWith("Deploymnt typo:"))
        .anyMatch(problem -> problem.startsWith("Deployment old:"));
    assertThat(
            KubernetesModel.problems(
                """
                apiVersion: v1
                kind: ConfigMap
                metdata:
                  name: top
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: wrong
                spec:
                  replicas: two
                """))
        .hasSize(2)
        .anyMatch(
            problem ->
                problem.startsWith("ConfigMap (document 1): metdata is no field of ConfigMap"))
        .anyMatch(problem -> problem.startsWith("Deployment wrong: "));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubernetesModel.read(MISSPELT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("readinesProbe");
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
