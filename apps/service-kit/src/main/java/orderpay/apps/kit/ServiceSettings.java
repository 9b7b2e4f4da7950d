package orderpay.apps.kit;

import java.util.Locale;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.postgres.DatabaseConfig;
import orderpay.adapters.runtime.Env;

/**
 * What every backend service reads the same way: {@code <NAME>_GRPC_HOST/PORT}, {@code
 * <NAME>_DB_URL/USER/PASSWORD/POOL_SIZE} and the Kafka settings.
 */
public record ServiceSettings(
    String name, String grpcHost, int grpcPort, DatabaseConfig database, KafkaSettings kafka) {

  /** {@code name} is the service's short name ({@code user}, {@code inventory}, ...). */
  public static ServiceSettings fromEnv(Env env, String name, int defaultGrpcPort) {
    String prefix = name.toUpperCase(Locale.ROOT) + "_";
    return new ServiceSettings(
        name,
        env.get(prefix + "GRPC_HOST", "127.0.0.1"),
        env.integer(prefix + "GRPC_PORT", defaultGrpcPort),
        DatabaseConfig.fromEnv(
            env, prefix, name, "jdbc:postgresql://127.0.0.1:5432/orderpay_" + name),
        KafkaSettings.fromEnv(env));
  }

  public String serviceName() {
    return name + "-service";
  }
}
