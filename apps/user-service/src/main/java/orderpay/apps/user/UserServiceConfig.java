package orderpay.apps.user;

import java.time.Duration;
import java.util.Optional;
import orderpay.adapters.security.Argon2idPasswordHasher;
import orderpay.apps.kit.ServiceSettings;
import orderpay.runtime.Env;

/** Everything the user service reads from its environment. */
public record UserServiceConfig(
    ServiceSettings service,
    Optional<String> privateJwk,
    Optional<String> keyFile,
    Duration accessTokenLifetime,
    Duration refreshTokenLifetime,
    Optional<String> adminEmail,
    Optional<String> adminPassword,
    PasswordHashing passwordHashing) {

  /** How many Argon2id hashes may run at once, and how long one waits for a slot. */
  public record PasswordHashing(int maxConcurrent, Duration maxWait) {
    public static final PasswordHashing DEFAULT =
        new PasswordHashing(
            Argon2idPasswordHasher.DEFAULT_MAX_CONCURRENT, Argon2idPasswordHasher.DEFAULT_MAX_WAIT);
  }

  public static UserServiceConfig fromEnv(Env env) {
    return new UserServiceConfig(
        ServiceSettings.fromEnv(env, "user", 50051),
        env.optional("ORDERPAY_JWT_PRIVATE_JWK"),
        env.optional("ORDERPAY_JWT_KEY_FILE"),
        env.duration("ORDERPAY_ACCESS_TOKEN_TTL", Duration.ofMinutes(15)),
        env.duration("ORDERPAY_REFRESH_TOKEN_TTL", Duration.ofDays(30)),
        env.optional("ORDERPAY_ADMIN_EMAIL"),
        env.optional("ORDERPAY_ADMIN_PASSWORD"),
        new PasswordHashing(
            env.integer(
                "ORDERPAY_PASSWORD_HASH_CONCURRENCY", PasswordHashing.DEFAULT.maxConcurrent()),
            env.duration("ORDERPAY_PASSWORD_HASH_MAX_WAIT", PasswordHashing.DEFAULT.maxWait())));
  }

  @Override
  public String toString() {
    return "UserServiceConfig[" + service + "]";
  }
}
