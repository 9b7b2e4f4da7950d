package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.util.List;
import java.util.concurrent.TimeUnit;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.inventory.v1.UpdateStockRequest;
import orderpay.contracts.notification.v1.ListNotificationsRequest;
import orderpay.contracts.notification.v1.NotificationServiceGrpc;
import orderpay.contracts.notification.v1.SendEmailRequest;
import orderpay.contracts.order.v1.CancelOrderRequest;
import orderpay.contracts.order.v1.GetOrderRequest;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.overview.v1.GetServiceOverviewRequest;
import orderpay.contracts.overview.v1.ServiceOverviewServiceGrpc;
import orderpay.contracts.payment.v1.CheckPaymentStatusRequest;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.contracts.payment.v1.RefundPaymentRequest;
import orderpay.contracts.product.v1.DeleteProductRequest;
import orderpay.contracts.product.v1.ProductServiceGrpc;
import orderpay.contracts.user.v1.AuthenticateUserRequest;
import orderpay.contracts.user.v1.GetUserRequest;
import orderpay.contracts.user.v1.UserServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service refuses a caller that cannot prove it is one of ours, and a service of ours that
 * asks for what the architecture does not give it: nobody on the service network can refund,
 * cancel, send mail or log in around the gateway's throttle.
 */
class InternalCallsTest {
  private static RunningSandbox system;

  /** The most harmful call each service serves, and who may make it. */
  private record Probe(String service, MethodDescriptor<Message, ?> method, Message request) {}

  @SuppressWarnings("unchecked")
  private static Probe probe(String service, MethodDescriptor<?, ?> method, Message request) {
    return new Probe(service, (MethodDescriptor<Message, ?>) method, request);
  }

  private static final List<Probe> PROBES =
      List.of(
          probe(
              "user",
              UserServiceGrpc.getAuthenticateUserMethod(),
              AuthenticateUserRequest.newBuilder()
                  .setEmail("someone@example.com")
                  .setPassword("guess-number-one")
                  .build()),
          probe(
              "product",
              ProductServiceGrpc.getDeleteProductMethod(),
              DeleteProductRequest.getDefaultInstance()),
          probe(
              "inventory",
              InventoryServiceGrpc.getUpdateStockMethod(),
              UpdateStockRequest.getDefaultInstance()),
          probe(
              "order",
              OrderServiceGrpc.getCancelOrderMethod(),
              CancelOrderRequest.getDefaultInstance()),
          probe(
              "payment",
              PaymentServiceGrpc.getRefundPaymentMethod(),
              RefundPaymentRequest.newBuilder().setOrderId("any").build()),
          probe(
              "notification",
              NotificationServiceGrpc.getSendEmailMethod(),
              SendEmailRequest.newBuilder()
                  .setTo("victim@example.com")
                  .setSubject("Your account")
                  .setTextBody("Click here")
                  .setIdempotencyKey("phish-1")
                  .build()));

  @BeforeAll
  static void start() {
    system = RunningSandbox.start(InternalCallsTest.class);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static Status.Code call(Probe probe, ServiceCredentials credentials) {
    return answer(probe, credentials).getCode();
  }

  private static Status answer(Probe probe, ServiceCredentials credentials) {
    return answer(probe, credentials, null);
  }

  private static Status answer(Probe probe, ServiceCredentials credentials, String userToken) {
    ManagedChannel channel =
        NettyChannelBuilder.forTarget(system.sandbox.target(probe.service()))
            .usePlaintext()
            .build();
    try {
      Channel signed =
          credentials == null ? channel : ClientInterceptors.intercept(channel, credentials);
      var options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
      ClientCalls.blockingUnaryCall(
          signed,
          probe.method(),
          userToken == null ? options : options.withCallCredentials(UserCheck.forward(userToken)),
          probe.request());
      return Status.OK;
    } catch (StatusRuntimeException refused) {
      return refused.getStatus();
    } finally {
      channel.shutdownNow();
    }
  }

  private static void everyServiceAnswers(ServiceCredentials credentials, Status.Code expected) {
    for (Probe probe : PROBES) {
      assertThat(call(probe, credentials))
          .as(probe.method().getFullMethodName())
          .isEqualTo(expected);
    }
  }

  @Test
  void aCallerWithoutAServiceTokenIsRefusedByEveryService() {
    everyServiceAnswers(null, Status.Code.UNAUTHENTICATED);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefusedByEveryService() {
    everyServiceAnswers(
        new ServiceCredentials(ServiceKey.generate(), Callers.GATEWAY),
        Status.Code.UNAUTHENTICATED);
  }

  @Test
  void aKeyHolderOutsideTheArchitecturesEdgesIsDeniedByEveryService() {
    everyServiceAnswers(
        system.sandbox.credentials(Callers.LAUNCHER), Status.Code.PERMISSION_DENIED);
  }

  @Test
  void eachServiceMayCallOnlyWhatItNeeds() {
    var byName = new java.util.HashMap<String, Probe>();
    PROBES.forEach(probe -> byName.put(probe.service(), probe));
    var gateway = system.sandbox.credentials(Callers.GATEWAY);
    // the gateway reads payments and passes webhooks on; refunds come from the order saga only
    assertThat(call(byName.get("payment"), gateway)).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(call(byName.get("notification"), gateway)).isEqualTo(Status.Code.PERMISSION_DENIED);
    var notifications = system.sandbox.credentials(Callers.NOTIFICATION_SERVICE);
    assertThat(call(byName.get("user"), notifications)).isEqualTo(Status.Code.PERMISSION_DENIED);
    var orders = system.sandbox.credentials(Callers.ORDER_SERVICE);
    assertThat(call(byName.get("inventory"), orders)).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(call(byName.get("product"), orders)).isEqualTo(Status.Code.PERMISSION_DENIED);
    // granted: the call reaches the service, which answers on its merits (no such account, no
    // such payment), not with the caller check's refusal
    var login = answer(byName.get("user"), gateway);
    assertThat(login.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(login.getDescription()).isNotEqualTo("service token required");
    assertThat(call(byName.get("payment"), orders))
        .isNotIn(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);
  }

  /** The order service as the gateway reaches it, acting for the holder of {@code userToken}. */
  private static <T> Status orderCall(
      String userToken,
      java.util.function.Function<OrderServiceGrpc.OrderServiceBlockingStub, T> call) {
    try (var channel =
        orderpay.adapters.grpc.GrpcChannels.open(
            system.sandbox.target("order"),
            java.time.Duration.ofSeconds(10),
            system.sandbox.credentials(Callers.GATEWAY))) {
      var orders = OrderServiceGrpc.newBlockingStub(channel.channel());
      call.apply(
          userToken == null ? orders : orders.withCallCredentials(UserCheck.forward(userToken)));
      return Status.OK;
    } catch (StatusRuntimeException refused) {
      return refused.getStatus();
    }
  }

  @Test
  void theOrderServiceActsOnlyForTheCustomerWhoseTokenItVerifiesItself() {
    var shop = new Shop(system);
    String owner = shop.customer();
    String stranger = shop.customer();
    var placed = shop.order(owner, shop.product(1500, 3), 1, null, null);
    assertThat(placed.status()).isEqualTo(201);
    String orderId = placed.body().get("id").asText();
    var get = GetOrderRequest.newBuilder().setId(orderId).build();
    var cancel = CancelOrderRequest.newBuilder().setId(orderId).build();

    // even the authenticated gateway cannot act for nobody, or for a token it made up
    assertThat(orderCall(null, orders -> orders.getOrder(get)).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    String forged = owner.substring(0, owner.lastIndexOf('.') + 1) + "AAAA";
    assertThat(orderCall(forged, orders -> orders.getOrder(get)).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    // another customer's token sees no such order and cannot cancel it
    assertThat(orderCall(stranger, orders -> orders.getOrder(get)).getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(orderCall(stranger, orders -> orders.cancelOrder(cancel)).getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(orderCall(owner, orders -> orders.getOrder(get)).getCode())
        .isEqualTo(Status.Code.OK);
    assertThat(system.get("/api/v1/orders/" + orderId, owner).body().get("status").asText())
        .isNotEqualTo("CANCELLED");
  }

  @Test
  void stockAndCatalogueChangesNeedAnAdminsTokenEvenFromTheGateway() {
    var shop = new Shop(system);
    String product = shop.product(900, 5);
    String customer = shop.customer();
    String admin = shop.login(system.sandbox.adminEmail(), system.sandbox.adminPassword());
    var setStock =
        probe(
            "inventory",
            InventoryServiceGrpc.getUpdateStockMethod(),
            UpdateStockRequest.newBuilder().setProductId(product).setOnHand(1).build());
    var gateway = system.sandbox.credentials(Callers.GATEWAY);

    assertThat(answer(setStock, gateway, null).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(answer(setStock, gateway, customer).getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(shop.stock(product).get("on_hand").asLong()).isEqualTo(5);
    assertThat(answer(setStock, gateway, admin).getCode()).isEqualTo(Status.Code.OK);
    assertThat(shop.stock(product).get("on_hand").asLong()).isEqualTo(1);

    var deleteProduct =
        probe(
            "product",
            ProductServiceGrpc.getDeleteProductMethod(),
            DeleteProductRequest.newBuilder().setId(product).build());
    assertThat(answer(deleteProduct, gateway, customer).getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(system.get("/api/v1/products/" + product, null).status()).isEqualTo(200);
  }

  @Test
  void aPaymentIsShownOnlyToItsPayer() {
    var shop = new Shop(system);
    String payer = shop.customer();
    String stranger = shop.customer();
    var placed = shop.order(payer, shop.product(1200, 3), 1, "pm_card_visa", null);
    assertThat(placed.status()).isEqualTo(201);
    var read =
        probe(
            "payment",
            PaymentServiceGrpc.getCheckPaymentStatusMethod(),
            CheckPaymentStatusRequest.newBuilder()
                .setOrderId(placed.body().get("id").asText())
                .build());
    var gateway = system.sandbox.credentials(Callers.GATEWAY);
    assertThat(answer(read, gateway, null).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(answer(read, gateway, stranger).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(answer(read, gateway, payer).getCode()).isEqualTo(Status.Code.OK);
  }

  @Test
  void anAccountIsReadOnlyByItsHolderWhenTheGatewayAsks() {
    var shop = new Shop(system);
    String holder = shop.customer();
    String stranger = shop.customer();
    String holderId = system.get("/api/v1/users/me", holder).body().get("id").asText();
    var read =
        probe(
            "user",
            UserServiceGrpc.getGetUserMethod(),
            GetUserRequest.newBuilder().setId(holderId).build());
    var gateway = system.sandbox.credentials(Callers.GATEWAY);
    assertThat(answer(read, gateway, null).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(answer(read, gateway, stranger).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(answer(read, gateway, holder).getCode()).isEqualTo(Status.Code.OK);
    // the notification service addresses an order's buyer, acting for no customer
    assertThat(
            answer(read, system.sandbox.credentials(Callers.NOTIFICATION_SERVICE), null).getCode())
        .isEqualTo(Status.Code.OK);
  }

  @Test
  void aCustomersNotificationsAreListedOnlyWithTheirToken() {
    var shop = new Shop(system);
    var list =
        probe(
            "notification",
            NotificationServiceGrpc.getListNotificationsMethod(),
            ListNotificationsRequest.getDefaultInstance());
    var gateway = system.sandbox.credentials(Callers.GATEWAY);
    assertThat(answer(list, gateway, null).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(answer(list, gateway, shop.customer()).getCode()).isEqualTo(Status.Code.OK);
  }

  @Test
  void everyServicesOverviewIsForTheGatewayActingForAnAdmin() {
    var shop = new Shop(system);
    String customer = shop.customer();
    String admin = shop.login(system.sandbox.adminEmail(), system.sandbox.adminPassword());
    var gateway = system.sandbox.credentials(Callers.GATEWAY);
    var orders = system.sandbox.credentials(Callers.ORDER_SERVICE);
    for (Probe service : PROBES) {
      var overview =
          probe(
              service.service(),
              ServiceOverviewServiceGrpc.getGetServiceOverviewMethod(),
              GetServiceOverviewRequest.getDefaultInstance());
      String name = service.service();
      assertThat(answer(overview, gateway, null).getCode())
          .as(name)
          .isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(answer(overview, gateway, customer).getCode())
          .as(name)
          .isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(answer(overview, orders, admin).getCode())
          .as(name)
          .isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(answer(overview, gateway, admin).getCode()).as(name).isEqualTo(Status.Code.OK);
    }
  }

  @Test
  void healthAnswersWithoutAToken() {
    for (Probe probe : PROBES) {
      ManagedChannel channel =
          NettyChannelBuilder.forTarget(system.sandbox.target(probe.service()))
              .usePlaintext()
              .build();
      try {
        assertThat(
                HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance())
                    .getStatus())
            .as(probe.service())
            .isEqualTo(ServingStatus.SERVING);
      } finally {
        channel.shutdownNow();
      }
    }
  }
}
