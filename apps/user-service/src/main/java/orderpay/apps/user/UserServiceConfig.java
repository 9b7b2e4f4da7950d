package orderpay.apps.user;

import java.time.Duration;
import java.util.Optional;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.postgres.DatabaseConfig;
import orderpay.adapters.runtime.Env;

/** Everything the user service reads from its environment. */
public record UserServiceConfig(
    String grpcHost,
    int grpcPort,
    DatabaseConfig database,
    KafkaSettings kafka,
    Optional<String> privateJwk,
    Optional<String> keyFile,
    Duration accessTokenLifetime,
    Duration refreshTokenLifetime,
    Optional<String> adminEmail,
    Optional<String> adminPassword) {

  public static UserServiceConfig fromEnv(Env env) {
    return new UserServiceConfig(
        env.get("USER_GRPC_HOST", "127.0.0.1"),
        env.integer("USER_GRPC_PORT", 50051),
        DatabaseConfig.fromEnv(
            env, "USER_", "user", "jdbc:postgresql://127.0.0.1:5432/orderpay_user"),
        KafkaSettings.fromEnv(env),
        env.optional("ORDERPAY_JWT_PRIVATE_JWK"),
        env.optional("ORDERPAY_JWT_KEY_FILE"),
        env.duration("ORDERPAY_ACCESS_TOKEN_TTL", Duration.ofMinutes(15)),
        env.duration("ORDERPAY_REFRESH_TOKEN_TTL", Duration.ofDays(30)),
        env.optional("ORDERPAY_ADMIN_EMAIL"),
        env.optional("ORDERPAY_ADMIN_PASSWORD"));
  }

  @Override
  public String toString() {
    return "UserServiceConfig[grpc="
        + grpcHost
        + ":"
        + grpcPort
        + ", "
        + database
        + ", "
        + kafka
        + "]";
  }
}
