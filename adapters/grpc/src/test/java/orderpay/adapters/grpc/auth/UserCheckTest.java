package orderpay.adapters.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.GrpcServerHost;
import orderpay.adapters.security.JwtTokenIssuer;
import orderpay.adapters.security.JwtVerifier;
import orderpay.adapters.security.SigningKey;
import orderpay.contracts.inventory.v1.GetStockRequest;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.inventory.v1.StockLevel;
import orderpay.contracts.inventory.v1.UpdateStockRequest;
import orderpay.domain.user.Email;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.Role;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Over real sockets: which customer tokens let a call through to the service, and which not. */
class UserCheckTest {
  private final ServiceKey serviceKey = ServiceKey.generate();
  private final SigningKey userKeys = SigningKey.generate();
  private final AtomicBoolean keysReadable = new AtomicBoolean(true);
  private GrpcServerHost server;

  /** A stock service whose UpdateStock answers with the id of the customer it acted for. */
  private void start(UserCheck check) {
    BindableService stock =
        new InventoryServiceGrpc.InventoryServiceImplBase() {
          @Override
          public void updateStock(UpdateStockRequest request, StreamObserver<StockLevel> reply) {
            reply.onNext(
                StockLevel.newBuilder().setProductId(UserCheck.currentUser().userId()).build());
            reply.onCompleted();
          }

          @Override
          public void getStock(GetStockRequest request, StreamObserver<StockLevel> reply) {
            reply.onNext(StockLevel.newBuilder().setProductId(request.getProductId()).build());
            reply.onCompleted();
          }
        };
    server =
        GrpcServerHost.start(
            "stock-test",
            "127.0.0.1",
            0,
            List.of(check.protect(stock)),
            new CallerCheck(
                serviceKey,
                CallerPolicy.builder()
                    .allow(Callers.GATEWAY, InventoryServiceGrpc.getServiceDescriptor())
                    .build()));
  }

  private JwtVerifier verifier() {
    return new JwtVerifier(
        () -> {
          if (!keysReadable.get()) {
            throw new IllegalStateException("the user service is away");
          }
          return userKeys.publicJwkSetJson();
        },
        Clock.systemUTC());
  }

  private String tokenOf(Role role, UUID id) {
    var user =
        new User(
            new UserId(id),
            Email.parse("someone@example.com"),
            "Someone",
            role,
            new PasswordHash("unused"),
            Instant.now());
    return new JwtTokenIssuer(userKeys, Duration.ofMinutes(5), Clock.systemUTC())
        .issue(user)
        .value();
  }

  private Status.Code setStockAs(String userToken) {
    try (var client =
        GrpcChannels.open(
            server.target(),
            Duration.ofSeconds(5),
            new ServiceCredentials(serviceKey, Callers.GATEWAY))) {
      var stub = InventoryServiceGrpc.newBlockingStub(client.channel());
      (userToken == null ? stub : stub.withCallCredentials(UserCheck.forward(userToken)))
          .updateStock(UpdateStockRequest.newBuilder().setProductId("p").setOnHand(1).build());
      return Status.Code.OK;
    } catch (StatusRuntimeException refused) {
      return refused.getStatus().getCode();
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anAdminOnlyMethodNeedsAVerifiedAdminAndTheOthersNoCustomer() {
    start(UserCheck.adminsOnly(verifier(), InventoryServiceGrpc.getUpdateStockMethod()));
    assertThat(setStockAs(null)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(setStockAs(tokenOf(Role.CUSTOMER, UUID.randomUUID())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    String forged =
        new JwtTokenIssuer(SigningKey.generate(), Duration.ofMinutes(5), Clock.systemUTC())
            .issue(
                new User(
                    new UserId(UUID.randomUUID()),
                    Email.parse("x@example.com"),
                    "X",
                    Role.ADMIN,
                    new PasswordHash("unused"),
                    Instant.now()))
            .value();
    assertThat(setStockAs(forged)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(setStockAs(tokenOf(Role.ADMIN, UUID.randomUUID()))).isEqualTo(Status.Code.OK);
  }

  @Test
  void whenTheKeysCannotBeReadTheCallerIsToldToTryAgainNotThatTheTokenIsBad() {
    keysReadable.set(false);
    start(UserCheck.requireOnEveryCall(verifier()));
    assertThat(setStockAs(tokenOf(Role.ADMIN, UUID.randomUUID())))
        .isEqualTo(Status.Code.UNAVAILABLE);
  }
}
