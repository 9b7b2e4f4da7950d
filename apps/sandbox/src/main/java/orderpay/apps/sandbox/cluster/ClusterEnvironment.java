package orderpay.apps.sandbox.cluster;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.apps.sandbox.Sandbox;
import orderpay.apps.sandbox.SandboxSettings;
import orderpay.apps.stripe.StripeEmulator;
import orderpay.devstack.EmbeddedMailCatcher;
import orderpay.devstack.EmbeddedPostgresServer;
import orderpay.runtime.Env;

/**
 * The variables every process of the cluster is given alike: databases, Kafka, admin, keys, Stripe,
 * SMTP, the gateway, pool sizes and where each service's replicas listen. Filled while the cluster
 * boots, as the parts they name come up; empty before.
 */
final class ClusterEnvironment {
  private final Map<String, String> variables = new HashMap<>();

  /** What the one-JVM sandbox gives its services, on the cluster's ports. */
  void addSandboxVariables(
      Env base, Path dataDir, ClusterPorts ports, EmbeddedPostgresServer postgres) {
    var settings =
        new SandboxSettings(
            dataDir,
            ports.postgres(),
            ports.kafka(),
            SandboxSettings.grpcPorts(service -> ports.grpc(service, 1)),
            ports.smtp(),
            ports.stripeEmulator(),
            ports.gateway(),
            base.get("ORDERPAY_ADMIN_EMAIL", "admin@orderpay.local"),
            "orderpay");
    // the cluster talks to its own emulator only, whatever the machine's environment says
    variables.putAll(
        Sandbox.sharedVariables(
            base.with(Map.of("STRIPE_SECRET_KEY", "")),
            settings,
            postgres,
            ports.kafkaBootstrap()));
  }

  /** Where the emulator and the mail catcher (both in the launcher's JVM) and the gateway are. */
  void addHosted(StripeEmulator emulator, EmbeddedMailCatcher mail, int gatewayPort) {
    variables.put("STRIPE_SECRET_KEY", "sk_test_" + randomHex(16));
    variables.put("STRIPE_API_BASE", emulator.apiBase());
    variables.put("SMTP_HOST", "127.0.0.1");
    variables.put("SMTP_PORT", Integer.toString(mail.port()));
    variables.put("GATEWAY_HOST", "127.0.0.1");
    variables.put("GATEWAY_PORT", Integer.toString(gatewayPort));
    // with STRIPE_PUBLISHABLE_KEY the shop's page confirms through the emulator's Stripe.js
    // stand-in (the intents live there, not at Stripe), from the gateway's origin
    variables.put("STRIPE_JS_URL", emulator.stripeJsUrl());
    emulator.allowBrowserOrigins(
        java.util.Set.of("http://127.0.0.1:" + gatewayPort, "http://localhost:" + gatewayPort));
  }

  /** Each service's database pool and its gRPC target: every replica. */
  void addServiceTargets(Env base, ClusterPorts ports) {
    int processCount = ports.grpc().values().stream().mapToInt(List::size).sum();
    for (String service : ports.grpc().keySet()) {
      String pool = service.toUpperCase(Locale.ROOT) + "_DB_POOL_SIZE";
      if (base.optional(pool).isEmpty()) {
        // every replica has a pool of its own: together they stay under the server's 300
        variables.put(pool, Integer.toString(Math.clamp(270 / processCount, 2, 8)));
      }
      variables.put(
          service.toUpperCase(Locale.ROOT) + "_SERVICE_TARGET",
          ports.grpc().get(service).stream()
              .map(port -> "127.0.0.1:" + port)
              .collect(Collectors.joining(",")));
    }
  }

  Map<String, String> variables() {
    return Collections.unmodifiableMap(variables);
  }

  /** A variable, or null while it is not set. */
  String get(String name) {
    return variables.get(name);
  }

  /** A service's variable, e.g. {@code ORDER_DB_URL} for {@code ("order", "DB_URL")}. */
  String of(String service, String suffix) {
    return variables.get(service.toUpperCase(Locale.ROOT) + "_" + suffix);
  }

  Cluster.AdminCredentials adminCredentials() {
    return new Cluster.AdminCredentials(
        variables.get("ORDERPAY_ADMIN_EMAIL"), variables.get("ORDERPAY_ADMIN_PASSWORD"));
  }

  /** Health asks need no grant; the channel signs its calls like every other. */
  ServiceCredentials launcherCredentials() {
    return new ServiceCredentials(
        ServiceKey.of(variables.get(ServiceKey.VARIABLE)), Callers.LAUNCHER);
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
