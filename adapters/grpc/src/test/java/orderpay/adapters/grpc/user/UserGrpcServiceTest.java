package orderpay.adapters.grpc.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.GrpcErrors;
import orderpay.adapters.grpc.GrpcServerHost;
import orderpay.adapters.grpc.auth.CallerCheck;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.contracts.user.v1.AuthenticateUserRequest;
import orderpay.contracts.user.v1.GetUserRequest;
import orderpay.contracts.user.v1.RegisterUserRequest;
import orderpay.contracts.user.v1.Role;
import orderpay.contracts.user.v1.UserServiceGrpc;
import orderpay.domain.testing.FakePasswordHasher;
import orderpay.domain.testing.FakeTokenIssuer;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryRefreshTokenStore;
import orderpay.domain.testing.InMemoryUserRepository;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.testing.SequentialIds;
import orderpay.domain.user.AuthenticateUser;
import orderpay.domain.user.CredentialPolicy;
import orderpay.domain.user.GetUser;
import orderpay.domain.user.LoginTokens;
import orderpay.domain.user.RefreshAccessToken;
import orderpay.domain.user.RefreshTokens;
import orderpay.domain.user.RegisterUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gRPC mapping over a real socket, with the use cases on in-memory fakes. */
class UserGrpcServiceTest {
  private static GrpcServerHost server;
  private static GrpcChannels.Client client;
  private static UserServiceGrpc.UserServiceBlockingStub users;

  @BeforeAll
  static void start() {
    var repo = new InMemoryUserRepository();
    var tokens = new InMemoryRefreshTokenStore();
    var hasher = new FakePasswordHasher();
    var tx = new ImmediateTransactions();
    var ids = new SequentialIds();
    var clock = Clock.systemUTC();
    var policy = new CredentialPolicy();
    var refreshTokens = new RefreshTokens(tokens, ids, clock, Duration.ofDays(1));
    var service =
        new UserGrpcService(
            new RegisterUser(repo, hasher, policy, tx, new RecordingEvents(), ids, clock),
            new AuthenticateUser(
                repo, hasher, policy, new LoginTokens(new FakeTokenIssuer(), refreshTokens, tx)),
            new RefreshAccessToken(tokens, refreshTokens, repo, new FakeTokenIssuer(), tx, clock),
            new GetUser(repo),
            () -> "{\"keys\":[]}");
    var key = ServiceKey.generate();
    server =
        GrpcServerHost.start(
            "user-test",
            "127.0.0.1",
            0,
            List.of(service),
            new CallerCheck(
                key,
                CallerPolicy.builder()
                    .allow("gateway", UserServiceGrpc.getServiceDescriptor())
                    .build()));
    client =
        GrpcChannels.open(
            server.target(), Duration.ofSeconds(5), new ServiceCredentials(key, "gateway"));
    users = UserServiceGrpc.newBlockingStub(client.channel());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void registersAndReadsBackACustomer() {
    var created =
        users.registerUser(
            RegisterUserRequest.newBuilder()
                .setEmail("Grace@Example.com")
                .setPassword("correct horse")
                .setName("Grace")
                .build());
    assertThat(created.getRole()).isEqualTo(Role.ROLE_CUSTOMER);
    assertThat(users.getUser(GetUserRequest.newBuilder().setId(created.getId()).build()).getEmail())
        .isEqualTo("grace@example.com");
  }

  @Test
  void domainRefusalsTravelAsStatusCodeAndReason() {
    var request =
        RegisterUserRequest.newBuilder()
            .setEmail("dup@example.com")
            .setPassword("correct horse")
            .setName("Dup")
            .build();
    users.registerUser(request);
    var taken =
        catchThrowableOfType(StatusRuntimeException.class, () -> users.registerUser(request));
    assertThat(taken.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(GrpcErrors.errorInfo(taken))
        .hasValueSatisfying(i -> assertThat(i.getReason()).isEqualTo("email_taken"));

    var malformed =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                users.getUser(GetUserRequest.newBuilder().setId("'; DROP TABLE users;--").build()));
    assertThat(malformed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

    var badLogin =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                users.authenticateUser(
                    AuthenticateUserRequest.newBuilder()
                        .setEmail("dup@example.com")
                        .setPassword("wrong password")
                        .build()));
    assertThat(badLogin.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void reportsServingThroughTheStandardHealthService() {
    var health = HealthGrpc.newBlockingStub(client.channel());
    assertThat(health.check(HealthCheckRequest.newBuilder().build()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(
            health
                .check(
                    HealthCheckRequest.newBuilder()
                        .setService("orderpay.user.v1.UserService")
                        .build())
                .getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }
}
