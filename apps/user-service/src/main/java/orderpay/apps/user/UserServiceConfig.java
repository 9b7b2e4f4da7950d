package orderpay.apps.user;

import java.time.Duration;
import java.util.Optional;
import orderpay.adapters.runtime.Env;
import orderpay.apps.kit.ServiceSettings;

/** Everything the user service reads from its environment. */
public record UserServiceConfig(
    ServiceSettings service,
    Optional<String> privateJwk,
    Optional<String> keyFile,
    Duration accessTokenLifetime,
    Duration refreshTokenLifetime,
    Optional<String> adminEmail,
    Optional<String> adminPassword) {

  public static UserServiceConfig fromEnv(Env env) {
    return new UserServiceConfig(
        ServiceSettings.fromEnv(env, "user", 50051),
        env.optional("ORDERPAY_JWT_PRIVATE_JWK"),
        env.optional("ORDERPAY_JWT_KEY_FILE"),
        env.duration("ORDERPAY_ACCESS_TOKEN_TTL", Duration.ofMinutes(15)),
        env.duration("ORDERPAY_REFRESH_TOKEN_TTL", Duration.ofDays(30)),
        env.optional("ORDERPAY_ADMIN_EMAIL"),
        env.optional("ORDERPAY_ADMIN_PASSWORD"));
  }

  @Override
  public String toString() {
    return "UserServiceConfig[" + service + "]";
  }
}
