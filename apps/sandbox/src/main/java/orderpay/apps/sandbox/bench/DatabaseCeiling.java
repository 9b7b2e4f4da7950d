package orderpay.apps.sandbox.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The database's own ceiling on this machine, measured in the same run: a loop of the smallest
 * transaction an order needs (insert the order, insert its outbox event, commit), with the bench's
 * concurrency, on the same PostgreSQL server. Figures from this noisy machine compare as ratios to
 * it.
 */
final class DatabaseCeiling {
  private static final String DATABASE = "bench_ceiling";
  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS orders (
          id uuid PRIMARY KEY, user_id uuid NOT NULL, status text NOT NULL,
          total_minor bigint NOT NULL, currency char(3) NOT NULL, shipping_address text NOT NULL,
          created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
      CREATE TABLE IF NOT EXISTS outbox (
          id bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, topic text NOT NULL,
          message_key text NOT NULL, event_type text NOT NULL, payload bytea NOT NULL,
          occurred_at timestamptz NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      """;

  private final BenchTarget target;

  DatabaseCeiling(BenchTarget target) {
    this.target = target;
  }

  /** Committed order + outbox transactions per second over {@code duration}. */
  double transactionsPerSecond(int connections, Duration duration) throws Exception {
    try (Connection admin = connect("postgres");
        var exists = admin.createStatement();
        var rows =
            exists.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
      if (!rows.next()) {
        exists.execute("CREATE DATABASE " + DATABASE);
      }
    }
    try (Connection setup = connect(DATABASE);
        var statement = setup.createStatement()) {
      statement.execute(SCHEMA);
      statement.execute("TRUNCATE orders, outbox");
    }
    long end = System.nanoTime() + duration.toNanos();
    long started = System.nanoTime();
    var counts = new ArrayList<Future<Long>>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < connections; i++) {
        counts.add(pool.submit(() -> loop(end)));
      }
    }
    long total = 0;
    for (var count : counts) {
      total += count.get();
    }
    return total / ((System.nanoTime() - started) / 1e9);
  }

  private long loop(long endNanos) throws SQLException {
    long committed = 0;
    byte[] payload = new byte[180]; // about an order event's size
    try (Connection connection = connect(DATABASE);
        var order =
            connection.prepareStatement(
                "INSERT INTO orders (id, user_id, status, total_minor, currency, shipping_address,"
                    + " created_at, updated_at) VALUES (?, ?, 'PENDING', 999, 'EUR', ?, ?, ?)");
        var event =
            connection.prepareStatement(
                "INSERT INTO outbox (event_id, topic, message_key, event_type, payload,"
                    + " occurred_at) VALUES (?, 'order.created', ?, 'OrderCreated', ?, ?)")) {
      connection.setAutoCommit(false);
      UUID user = UUID.randomUUID();
      while (System.nanoTime() < endNanos) {
        UUID id = UUID.randomUUID();
        var now = new Timestamp(System.currentTimeMillis());
        order.setObject(1, id);
        order.setObject(2, user);
        order.setString(3, "1 Bench Road");
        order.setTimestamp(4, now);
        order.setTimestamp(5, now);
        order.executeUpdate();
        event.setObject(1, UUID.randomUUID());
        event.setString(2, id.toString());
        event.setBytes(3, payload);
        event.setTimestamp(4, now);
        event.executeUpdate();
        connection.commit();
        committed++;
      }
    }
    return committed;
  }

  private Connection connect(String database) throws SQLException {
    return target.connect(database);
  }
}
