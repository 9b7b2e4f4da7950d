package orderpay.apps.kit;

import static orderpay.domain.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.EventHeaders;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.DatabaseConfig;
import orderpay.devstack.SharedTestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A consumer that cannot make progress takes its service out of readiness, and back in after. */
class ReadinessTest {
  private static final Duration STALL_THRESHOLD = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicBoolean databaseAway = new AtomicBoolean();
  private static KafkaSettings kafka;
  private static Database database;
  private static RunningService service;
  private static GrpcChannels.Client channel;
  private static HealthGrpc.HealthBlockingStub health;

  @BeforeAll
  static void start() {
    kafka =
        new KafkaSettings(
                SharedTestInfrastructure.kafka().bootstrapServers(),
                SharedTestInfrastructure.topicPrefix(ReadinessTest.class))
            .withConsumerStallThreshold(STALL_THRESHOLD);
    var pg = SharedTestInfrastructure.postgres();
    var settings =
        new ServiceSettings(
            "readiness",
            "127.0.0.1",
            0,
            new DatabaseConfig(
                SharedTestInfrastructure.freshDatabase(ReadinessTest.class),
                pg.user(),
                pg.password(),
                4,
                "user"),
            kafka);
    database = Database.open(settings.database());
    database.jdbi().useHandle(h -> h.execute("CREATE TABLE effects (payload text NOT NULL)"));
    EventHandler handler =
        event -> {
          if (databaseAway.get()) {
            throw new IllegalStateException(new SQLTransientConnectionException("database away"));
          }
          database
              .transactions()
              .requireTransaction()
              .createUpdate("INSERT INTO effects (payload) VALUES (:p)")
              .bind("p", new String(event.payload(), StandardCharsets.UTF_8))
              .execute();
        };
    var metrics = ServiceMetrics.create(settings.serviceName(), database, kafka);
    service =
        RunningService.start(
            settings,
            database,
            new KafkaOutboxRelay(database, kafka, settings.serviceName(), metrics.messaging()),
            metrics,
            new ServiceParts(
                CallerPolicy.builder().build(),
                List.of(),
                List.of(
                    new Consumers(settings, database, metrics)
                        .of("things-writer", List.of("things"), handler)),
                new orderpay.adapters.security.JwtVerifier(
                    orderpay.adapters.security.SigningKey.generate()::publicJwkSetJson,
                    java.time.Clock.systemUTC())));
    channel =
        GrpcChannels.open(
            service.target(),
            Duration.ofSeconds(5),
            new ServiceCredentials(settings.serviceKey(), Callers.LAUNCHER));
    health = HealthGrpc.newBlockingStub(channel.channel());
  }

  @AfterAll
  static void stop() {
    channel.close();
    service.close();
  }

  private static ServingStatus status() {
    return health.check(HealthCheckRequest.getDefaultInstance()).getStatus();
  }

  private static int effects(String payload) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM effects WHERE payload = :p")
                    .bind("p", payload)
                    .mapTo(Integer.class)
                    .one());
  }

  private static void send(String payload) throws Exception {
    try (var producer =
        new KafkaProducer<String, byte[]>(
            KafkaOutboxRelay.producerProperties(kafka, "readiness-test"))) {
      var record =
          new ProducerRecord<>(
              kafka.topic("things"), "key", payload.getBytes(StandardCharsets.UTF_8));
      EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, UUID.randomUUID().toString());
      EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, "Thing");
      producer.send(record).get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aConsumerStalledPastTheThresholdMakesTheServiceNotServingUntilItCatchesUp()
      throws Exception {
    send("before-the-outage");
    await("the first event applied", WAIT, () -> effects("before-the-outage") == 1);
    Instant healthySince = Instant.now();
    await(
        "an idle period longer than the threshold",
        WAIT,
        () -> Duration.between(healthySince, Instant.now()).compareTo(STALL_THRESHOLD) > 0);
    assertThat(status()).isEqualTo(ServingStatus.SERVING); // idle is not stalled

    databaseAway.set(true);
    send("during-the-outage");
    await(
        "NOT_SERVING while the consumer is stuck",
        WAIT,
        () -> status() == ServingStatus.NOT_SERVING);
    assertThat(effects("during-the-outage")).isZero();

    databaseAway.set(false);
    await("SERVING again after recovery", WAIT, () -> status() == ServingStatus.SERVING);
    await("the held-back event applied", WAIT, () -> effects("during-the-outage") == 1);
    assertThat(effects("during-the-outage")).isEqualTo(1);
  }
}
