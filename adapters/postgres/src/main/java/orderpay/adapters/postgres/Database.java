package orderpay.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/** A service's database: pool, migrations applied at start, and Jdbi over the pool. */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final JdbiTransactions transactions;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    this.transactions = new JdbiTransactions(jdbi);
  }

  public static Database open(DatabaseConfig config) {
    var hikari = new HikariConfig();
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setPoolName("pg-" + config.migrations());
    hikari.setConnectionTimeout(10_000);
    var dataSource = new HikariDataSource(hikari);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(
              "classpath:db/migration/common", "classpath:db/migration/" + config.migrations())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Reports the pool to {@code registry} ({@code hikaricp.connections.*}, tagged {@code pool}):
   * connections in use, idle, waited for, and timeouts. Once per database; the pool is already
   * running, which Hikari allows for a tracker set once.
   */
  public void reportPoolTo(MeterRegistry registry) {
    dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public JdbiTransactions transactions() {
    return transactions;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
