package orderpay.apps.kit;

import java.time.Duration;
import java.util.Locale;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.postgres.DatabaseConfig;
import orderpay.adapters.postgres.messaging.InboxRetention;
import orderpay.adapters.runtime.Env;

/**
 * What every backend service reads the same way: {@code <NAME>_GRPC_HOST/PORT}, {@code
 * <NAME>_DB_URL/USER/PASSWORD/POOL_SIZE}, the Kafka settings and {@code INBOX_RETENTION} (how long
 * a consumed event id is remembered: longer than the topics keep events; 14 days by default).
 */
public record ServiceSettings(
    String name,
    String grpcHost,
    int grpcPort,
    DatabaseConfig database,
    KafkaSettings kafka,
    Duration inboxRetention) {

  public ServiceSettings(
      String name, String grpcHost, int grpcPort, DatabaseConfig database, KafkaSettings kafka) {
    this(name, grpcHost, grpcPort, database, kafka, InboxRetention.DEFAULT_RETENTION);
  }

  /** {@code name} is the service's short name ({@code user}, {@code inventory}, ...). */
  public static ServiceSettings fromEnv(Env env, String name, int defaultGrpcPort) {
    String prefix = name.toUpperCase(Locale.ROOT) + "_";
    return new ServiceSettings(
        name,
        env.get(prefix + "GRPC_HOST", "127.0.0.1"),
        env.integer(prefix + "GRPC_PORT", defaultGrpcPort),
        DatabaseConfig.fromEnv(
            env, prefix, name, "jdbc:postgresql://127.0.0.1:5432/orderpay_" + name),
        KafkaSettings.fromEnv(env),
        env.duration("INBOX_RETENTION", InboxRetention.DEFAULT_RETENTION));
  }

  public String serviceName() {
    return name + "-service";
  }
}
