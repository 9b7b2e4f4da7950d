package orderpay.apps.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import orderpay.devstack.SharedTestInfrastructure;
import orderpay.runtime.Env;

/**
 * The whole system for an end-to-end test class, on the JVM's shared PostgreSQL and Kafka, with its
 * own databases, topics, ports and data folder; plus a small HTTP client for its gateway.
 */
final class RunningSandbox extends GatewayClient implements AutoCloseable {
  final Sandbox sandbox;
  final Path dataDir;

  private RunningSandbox(Sandbox sandbox, Path dataDir) {
    super(sandbox.gatewayUrl());
    this.sandbox = sandbox;
    this.dataDir = dataDir;
  }

  static RunningSandbox start(Class<?> testClass) {
    return start(testClass, Map.of());
  }

  /** With environment overrides (short TTLs, emulator faults) for this test class only. */
  static RunningSandbox start(Class<?> testClass, Map<String, String> overrides) {
    try {
      Path dataDir = Files.createTempDirectory("orderpay-e2e");
      String prefix = SharedTestInfrastructure.freshDatabase(testClass).replaceAll(".*/", "");
      var settings = SandboxSettings.ephemeral(dataDir, "admin@orderpay.test", prefix);
      var env =
          Env.system()
              .with(
                  Map.of(
                      "KAFKA_TOPIC_PREFIX",
                      SharedTestInfrastructure.topicPrefix(testClass),
                      "ORDERPAY_ADMIN_PASSWORD",
                      "admin-password-e2e",
                      // tests talk to the local emulator only, whatever the machine's environment
                      // says
                      "STRIPE_SECRET_KEY",
                      "",
                      "STRIPE_WEBHOOK_SECRET",
                      ""))
              .with(overrides);
      var sandbox =
          Sandbox.start(
              env,
              settings,
              SharedTestInfrastructure.postgres(),
              SharedTestInfrastructure.kafka().bootstrapServers());
      return new RunningSandbox(sandbox, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
