package orderpay.devstack;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when
 * the JVM exits. Each test class asks for a fresh database, so classes never see each other's rows.
 */
public final class SharedTestInfrastructure {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static volatile EmbeddedPostgresServer postgres;
  private static volatile EmbeddedKafkaBroker kafka;

  private SharedTestInfrastructure() {}

  public static synchronized EmbeddedPostgresServer postgres() {
    if (postgres == null) {
      postgres = EmbeddedPostgresServer.start(Optional.empty(), FreePorts.next());
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
    }
    return postgres;
  }

  public static synchronized EmbeddedKafkaBroker kafka() {
    if (kafka == null) {
      // every test class makes up its own topics (a prefix per class)
      kafka = EmbeddedKafkaBroker.startCreatingTopicsOnUse(null, FreePorts.next());
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-test-kafka"));
    }
    return kafka;
  }

  /** A new, empty database named after the test class; returns its JDBC URL. */
  public static String freshDatabase(Class<?> testClass) {
    String simple =
        testClass.getSimpleName().replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT);
    String name =
        "t_"
            + simple.substring(0, Math.min(simple.length(), 40))
            + "_"
            + DATABASES.incrementAndGet();
    return postgres().ensureDatabase(name);
  }

  /** A topic-name prefix unique to one test class, so classes never consume each other's events. */
  public static String topicPrefix(Class<?> testClass) {
    return testClass.getSimpleName().toLowerCase(Locale.ROOT)
        + "-"
        + DATABASES.incrementAndGet()
        + ".";
  }
}
