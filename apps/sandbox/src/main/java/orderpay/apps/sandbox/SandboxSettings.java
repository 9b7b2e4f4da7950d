package orderpay.apps.sandbox;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import orderpay.runtime.Env;

/**
 * The sandbox's own knobs; every service reads the rest of the environment as it would alone.
 * {@code databasePrefix} keeps several systems on one PostgreSQL server apart (tests).
 */
public record SandboxSettings(
    Path dataDir,
    int postgresPort,
    int kafkaPort,
    Map<String, Integer> grpcPorts,
    int smtpPort,
    int stripeEmulatorPort,
    int gatewayPort,
    String adminEmail,
    String databasePrefix) {

  /** The backend services, in the order of their default gRPC ports (50051 to 50056). */
  public static final List<String> SERVICES =
      List.of("user", "product", "inventory", "order", "payment", "notification");

  public SandboxSettings {
    grpcPorts = Collections.unmodifiableMap(new LinkedHashMap<>(grpcPorts));
  }

  /** Each service's port, from {@code port}, in the order of {@link #SERVICES}. */
  public static Map<String, Integer> grpcPorts(ToIntFunction<String> port) {
    var ports = new LinkedHashMap<String, Integer>();
    SERVICES.forEach(service -> ports.put(service, port.applyAsInt(service)));
    return ports;
  }

  /** Every port picked freely: for tests and throw-away demo systems that must not clash. */
  public static SandboxSettings ephemeral(Path dataDir, String adminEmail, String databasePrefix) {
    return new SandboxSettings(
        dataDir, 0, 0, grpcPorts(service -> 0), 0, 0, 0, adminEmail, databasePrefix);
  }

  public static SandboxSettings fromEnv(Env env) {
    return new SandboxSettings(
        Path.of(env.get("ORDERPAY_DATA_DIR", ".orderpay-data")).toAbsolutePath(),
        env.integer("ORDERPAY_PG_PORT", 55432),
        env.integer("ORDERPAY_KAFKA_PORT", 59092),
        grpcPorts(
            service ->
                env.integer(
                    service.toUpperCase(Locale.ROOT) + "_GRPC_PORT",
                    50051 + SERVICES.indexOf(service))),
        env.integer("SMTP_PORT", 3025),
        env.integer("STRIPE_EMULATOR_PORT", 12111),
        env.integer("GATEWAY_PORT", 8080),
        env.get("ORDERPAY_ADMIN_EMAIL", "admin@orderpay.local"),
        "orderpay");
  }
}
