package orderpay.adapters.postgres;

import orderpay.runtime.Env;

/**
 * Where a service's own database is. {@code schema} names the service's migration folder ({@code
 * db/migration/<schema>}); every service also gets the outbox and inbox tables.
 */
public record DatabaseConfig(
    String jdbcUrl, String user, String password, int poolSize, String migrations) {

  public static DatabaseConfig fromEnv(
      Env env, String prefix, String migrations, String defaultUrl) {
    return new DatabaseConfig(
        env.get(prefix + "DB_URL", defaultUrl),
        env.get(prefix + "DB_USER", "postgres"),
        env.get(prefix + "DB_PASSWORD", ""),
        env.integer(prefix + "DB_POOL_SIZE", 16),
        migrations);
  }

  @Override
  public String toString() {
    return "DatabaseConfig[" + jdbcUrl + ", user=" + user + ", pool=" + poolSize + "]";
  }
}
