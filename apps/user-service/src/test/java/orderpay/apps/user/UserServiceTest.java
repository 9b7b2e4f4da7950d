package orderpay.apps.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.postgres.DatabaseConfig;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceSettings;
import orderpay.contracts.events.v1.UserRegistered;
import orderpay.contracts.user.v1.AuthenticateUserRequest;
import orderpay.contracts.user.v1.RefreshTokenRequest;
import orderpay.contracts.user.v1.RegisterUserRequest;
import orderpay.contracts.user.v1.UserServiceGrpc;
import orderpay.devstack.SharedTestInfrastructure;
import orderpay.devstack.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole user service, wired by Dagger, on real PostgreSQL, Kafka and gRPC sockets. */
class UserServiceTest {
  private static RunningService service;
  private static GrpcChannels.Client client;
  private static UserServiceGrpc.UserServiceBlockingStub users;
  private static KafkaSettings kafka;

  @BeforeAll
  static void start() {
    var pg = SharedTestInfrastructure.postgres();
    kafka =
        new KafkaSettings(
            SharedTestInfrastructure.kafka().bootstrapServers(),
            SharedTestInfrastructure.topicPrefix(UserServiceTest.class));
    var config =
        new UserServiceConfig(
            new ServiceSettings(
                "user",
                "127.0.0.1",
                0,
                new DatabaseConfig(
                    SharedTestInfrastructure.freshDatabase(UserServiceTest.class),
                    pg.user(),
                    pg.password(),
                    8,
                    "user"),
                kafka),
            Optional.empty(),
            Optional.empty(),
            Duration.ofMinutes(15),
            Duration.ofDays(30),
            Optional.of("admin@orderpay.test"),
            Optional.of("admin-password-for-tests"),
            UserServiceConfig.PasswordHashing.DEFAULT);
    service = DaggerUserServiceComponent.factory().create(config, Clock.systemUTC()).start();
    client =
        GrpcChannels.open(
            service.target(),
            Duration.ofSeconds(10),
            new ServiceCredentials(config.service().serviceKey(), Callers.GATEWAY));
    users = UserServiceGrpc.newBlockingStub(client.channel());
  }

  @AfterAll
  static void stop() {
    client.close();
    service.close();
  }

  @Test
  void aSignUpIsStoredHashedAndAnnouncedOnKafka() throws Exception {
    try (var probe =
        new TopicProbe(kafka.bootstrapServers(), kafka.topic(KafkaTopics.USER_REGISTERED))) {
      var user =
          users.registerUser(
              RegisterUserRequest.newBuilder()
                  .setEmail("Linus@Example.org")
                  .setPassword("penguins-rule")
                  .setName("Linus")
                  .build());
      var records =
          probe.awaitRecords(
              rs -> rs.stream().anyMatch(r -> r.key().equals(user.getId())),
              Duration.ofSeconds(20));
      var event =
          UserRegistered.parseFrom(
              records.stream()
                  .filter(r -> r.key().equals(user.getId()))
                  .findFirst()
                  .orElseThrow()
                  .value());
      assertThat(event.getEmail()).isEqualTo("linus@example.org");
      assertThat(event.getName()).isEqualTo("Linus");
    }
  }

  @Test
  void loginAndOneTimeRefreshWorkAgainstTheDatabase() {
    users.registerUser(
        RegisterUserRequest.newBuilder()
            .setEmail("ada@example.org")
            .setPassword("analytical-engine")
            .setName("Ada")
            .build());
    var tokens =
        users.authenticateUser(
            AuthenticateUserRequest.newBuilder()
                .setEmail("ADA@example.org")
                .setPassword("analytical-engine")
                .build());
    assertThat(tokens.getAccessToken().split("\\.")).hasSize(3);
    var rotated =
        users.refreshToken(
            RefreshTokenRequest.newBuilder().setRefreshToken(tokens.getRefreshToken()).build());
    assertThat(rotated.getRefreshToken()).isNotEqualTo(tokens.getRefreshToken());
    var reused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                users.refreshToken(
                    RefreshTokenRequest.newBuilder()
                        .setRefreshToken(tokens.getRefreshToken())
                        .build()));
    assertThat(reused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void theConfiguredAdminExistsAndCanLogIn() {
    var tokens =
        users.authenticateUser(
            AuthenticateUserRequest.newBuilder()
                .setEmail("admin@orderpay.test")
                .setPassword("admin-password-for-tests")
                .build());
    assertThat(tokens.getAccessToken()).isNotBlank();
    var duplicate =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                users.registerUser(
                    RegisterUserRequest.newBuilder()
                        .setEmail("ADMIN@orderpay.test")
                        .setPassword("another-password")
                        .setName("Mallory")
                        .build()));
    assertThat(duplicate.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
  }
}
