package orderpay.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A real PostgreSQL 17 server from the zonky binaries, on loopback. With a data directory its
 * contents survive restarts (the sandbox); without one it is a throw-away (tests).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final String SUPERUSER = "postgres";
  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedPostgresServer start(Optional<Path> dataDirectory, int port) {
    try {
      var builder =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setRegisterShutdownHook(false)
              // throughput over durability only where nothing must survive (tests)
              .setServerConfig("fsync", dataDirectory.isPresent() ? "on" : "off")
              .setServerConfig("synchronous_commit", dataDirectory.isPresent() ? "on" : "off")
              .setServerConfig("full_page_writes", dataDirectory.isPresent() ? "on" : "off")
              .setServerConfig("max_connections", "300")
              .setServerConfig("listen_addresses", "127.0.0.1");
      dataDirectory.ifPresent(
          dir -> builder.setDataDirectory(dir.toFile()).setCleanDataDirectory(false));
      return new EmbeddedPostgresServer(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  public String user() {
    return SUPERUSER;
  }

  /** The embedded server trusts loopback connections; no password exists. */
  public String password() {
    return "";
  }

  /** Creates the database unless it exists; returns its JDBC URL. */
  public String ensureDatabase(String name) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("unsafe database name " + name);
    }
    try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
        var exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (var rows = exists.executeQuery()) {
        if (!rows.next()) {
          try (var create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name);
          }
        }
      }
      return jdbcUrl(name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
