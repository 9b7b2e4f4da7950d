package orderpay.apps.kit;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.postgres.DatabaseConfig;
import orderpay.adapters.postgres.messaging.InboxRetention;
import orderpay.runtime.Env;

/**
 * What every backend service reads the same way: {@code <NAME>_GRPC_HOST/PORT}, {@code
 * <NAME>_DB_URL/USER/PASSWORD/POOL_SIZE}, the Kafka settings and {@code INBOX_RETENTION} (how long
 * a consumed event id is remembered: longer than the topics keep events; 14 days by default) and
 * {@code <NAME>_ADMIN_PORT} (Prometheus metrics; 9000 plus the gRPC port's last three digits by
 * default, 9051 for 50051), {@code ORDERPAY_SERVICE_KEY} (required: the key internal calls are
 * signed with, the same in every service) and {@code ORDERPAY_GRPC_REFLECTION} ({@code true} to let
 * grpcurl list the services; off by default); services that verify customers' tokens read the keys
 * from {@code ORDERPAY_JWT_PUBLIC_JWKS} or ask the user service at {@code USER_SERVICE_TARGET}.
 */
public record ServiceSettings(
    String name,
    String grpcHost,
    int grpcPort,
    DatabaseConfig database,
    KafkaSettings kafka,
    Duration inboxRetention,
    int adminPort,
    ServiceKey serviceKey,
    boolean reflection,
    String userServiceTarget,
    Optional<String> publicJwks) {

  /**
   * The metrics port beside a gRPC port: 9000 plus its last three digits (50051 -> 9051), or any
   * free one beside a free one. Below Linux's ephemeral range (32768-60999) on purpose: on one host
   * (the sandbox) a service's outbound connection may already hold a port in that range, and
   * connections to the same database get neighbouring ports run after run.
   */
  public static int defaultAdminPort(int grpcPort) {
    return grpcPort == 0 ? 0 : 9000 + grpcPort % 1000;
  }

  public ServiceSettings(
      String name, String grpcHost, int grpcPort, DatabaseConfig database, KafkaSettings kafka) {
    this(
        name,
        grpcHost,
        grpcPort,
        database,
        kafka,
        InboxRetention.DEFAULT_RETENTION,
        0,
        ServiceKey.generate(),
        true,
        "127.0.0.1:50051",
        Optional.empty());
  }

  /** {@code name} is the service's short name ({@code user}, {@code inventory}, ...). */
  public static ServiceSettings fromEnv(Env env, String name, int defaultGrpcPort) {
    String prefix = name.toUpperCase(Locale.ROOT) + "_";
    int grpcPort = env.integer(prefix + "GRPC_PORT", defaultGrpcPort);
    return new ServiceSettings(
        name,
        env.get(prefix + "GRPC_HOST", "127.0.0.1"),
        grpcPort,
        DatabaseConfig.fromEnv(
            env, prefix, name, "jdbc:postgresql://127.0.0.1:5432/orderpay_" + name),
        KafkaSettings.fromEnv(env),
        env.duration("INBOX_RETENTION", InboxRetention.DEFAULT_RETENTION),
        env.integer(prefix + "ADMIN_PORT", defaultAdminPort(grpcPort)),
        ServiceKey.of(env.required(ServiceKey.VARIABLE)),
        Boolean.parseBoolean(env.get("ORDERPAY_GRPC_REFLECTION", "false")),
        env.get("USER_SERVICE_TARGET", "127.0.0.1:50051"),
        env.optional("ORDERPAY_JWT_PUBLIC_JWKS"));
  }

  /** The same, verifying customers' tokens with these public keys instead of asking for them. */
  public ServiceSettings withPinnedUserKeys(String jwks) {
    return new ServiceSettings(
        name,
        grpcHost,
        grpcPort,
        database,
        kafka,
        inboxRetention,
        adminPort,
        serviceKey,
        reflection,
        userServiceTarget,
        Optional.of(jwks));
  }

  /** How this service signs its calls to others. */
  public ServiceCredentials credentials() {
    return new ServiceCredentials(serviceKey, serviceName());
  }

  @Override
  public String toString() {
    return "ServiceSettings[" + serviceName() + " on " + grpcHost + ":" + grpcPort + "]";
  }

  public String serviceName() {
    return name + "-service";
  }
}
