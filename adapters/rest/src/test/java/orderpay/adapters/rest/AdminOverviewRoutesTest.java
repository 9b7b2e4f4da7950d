package orderpay.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.GrpcServerHost;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.auth.CallerCheck;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.adapters.security.JwtTokenIssuer;
import orderpay.adapters.security.JwtVerifier;
import orderpay.adapters.security.SigningKey;
import orderpay.contracts.deadletter.v1.DeadLetterServiceGrpc;
import orderpay.contracts.deadletter.v1.DeadLetterTopic;
import orderpay.contracts.deadletter.v1.ListDeadLettersRequest;
import orderpay.contracts.deadletter.v1.ListDeadLettersResponse;
import orderpay.contracts.order.v1.GetOrderThroughputRequest;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.order.v1.OrderThroughput;
import orderpay.contracts.order.v1.OrderThroughputMinute;
import orderpay.contracts.overview.v1.ConsumerLag;
import orderpay.contracts.overview.v1.GetServiceOverviewRequest;
import orderpay.contracts.overview.v1.ServiceOverview;
import orderpay.contracts.overview.v1.ServiceOverviewServiceGrpc;
import orderpay.domain.user.Email;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.Role;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The overview against stand-in services: what answers is shown, and a service that never answers
 * is listed unreachable after the deadline instead of failing the overview.
 */
class AdminOverviewRoutesTest {
  private static final Instant MINUTE = Instant.parse("2026-05-01T09:14:00Z");
  private static final SigningKey key = SigningKey.generate();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static GrpcServerHost answering;
  private static GrpcServerHost silent;
  private static GrpcChannels.Client answeringChannel;
  private static GrpcChannels.Client silentChannel;
  private static GatewayServer gateway;

  /** The order service as it answers: its overview, orders per minute and dead letters. */
  private static final class Answering
      extends ServiceOverviewServiceGrpc.ServiceOverviewServiceImplBase {
    @Override
    public void getServiceOverview(
        GetServiceOverviewRequest request, StreamObserver<ServiceOverview> response) {
      response.onNext(
          ServiceOverview.newBuilder()
              .setService("order-service")
              .setOutboxPending(4)
              .setOutboxOldestAgeSeconds(1.5)
              .addConsumerLag(
                  ConsumerLag.newBuilder().setConsumer("order-payment-events").setLag(7))
              .addConsumerLag(ConsumerLag.newBuilder().setConsumer("order-inventory-events"))
              .build());
      response.onCompleted();
    }
  }

  private static final class Orders extends OrderServiceGrpc.OrderServiceImplBase {
    @Override
    public void getOrderThroughput(
        GetOrderThroughputRequest request, StreamObserver<OrderThroughput> response) {
      var reply = OrderThroughput.newBuilder();
      for (int i = request.getMinutes() - 1; i >= 0; i--) {
        reply.addMinutes(
            OrderThroughputMinute.newBuilder()
                .setMinute(ProtoTime.of(MINUTE.minusSeconds(60L * i)))
                .setCreated(i == 0 ? 2 : 0)
                .setPaid(i == 0 ? 1 : 0)
                .setFailed(i == 0 ? 1 : 0));
      }
      response.onNext(reply.build());
      response.onCompleted();
    }
  }

  private static final class DeadLetters extends DeadLetterServiceGrpc.DeadLetterServiceImplBase {
    @Override
    public void listDeadLetters(
        ListDeadLettersRequest request, StreamObserver<ListDeadLettersResponse> response) {
      assertThat(request.getDepthsOnly()).isTrue();
      response.onNext(
          ListDeadLettersResponse.newBuilder()
              .addTopics(DeadLetterTopic.newBuilder().setTopic("order.paid").setDepth(2))
              .addTopics(DeadLetterTopic.newBuilder().setTopic("product.changed").setDepth(1))
              .build());
      response.onCompleted();
    }
  }

  /** A service that takes the call and never answers. */
  private static final class Silent
      extends ServiceOverviewServiceGrpc.ServiceOverviewServiceImplBase {
    @Override
    public void getServiceOverview(
        GetServiceOverviewRequest request, StreamObserver<ServiceOverview> response) {}
  }

  @BeforeAll
  static void start() {
    var serviceKey = ServiceKey.generate();
    var gatewayOnly =
        new CallerCheck(
            serviceKey,
            CallerPolicy.builder()
                .allow("gateway", ServiceOverviewServiceGrpc.getServiceDescriptor())
                .allow("gateway", OrderServiceGrpc.getServiceDescriptor())
                .allow("gateway", DeadLetterServiceGrpc.getServiceDescriptor())
                .build());
    answering =
        GrpcServerHost.start(
            "order-test",
            "127.0.0.1",
            0,
            List.of(new Answering(), new Orders(), new DeadLetters()),
            gatewayOnly);
    silent =
        GrpcServerHost.start("silent-test", "127.0.0.1", 0, List.of(new Silent()), gatewayOnly);
    var asGateway = new ServiceCredentials(serviceKey, "gateway");
    answeringChannel = GrpcChannels.open(answering.target(), Duration.ofSeconds(30), asGateway);
    silentChannel = GrpcChannels.open(silent.target(), Duration.ofSeconds(30), asGateway);
    var routes =
        new AdminOverviewRoutes(
            OrderServiceGrpc.newBlockingStub(answeringChannel.channel()),
            DeadLetterServiceGrpc.newBlockingStub(answeringChannel.channel()),
            List.of(
                new Downstream("order-service", answeringChannel.channel()),
                new Downstream("payment-service", silentChannel.channel())),
            new GatewayMetrics(),
            new Authenticator(new JwtVerifier(key::publicJwkSetJson, Clock.systemUTC())),
            Clock.systemUTC());
    gateway = GatewayServer.start("127.0.0.1", 0, List.of(), routes.routes());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    answeringChannel.close();
    silentChannel.close();
    answering.close();
    silent.close();
  }

  private static String token(Role role) {
    var id = UUID.randomUUID();
    var user =
        new User(
            new UserId(id),
            Email.parse("u" + id.toString().substring(0, 8) + "@example.com"),
            "U",
            role,
            new PasswordHash("x"),
            Instant.now());
    return new JwtTokenIssuer(key, Duration.ofHours(1), Clock.systemUTC()).issue(user).value();
  }

  private static HttpResponse<String> overview(String token) throws Exception {
    var request =
        HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.port() + "/api/v1/admin/overview"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode service(JsonNode overview, String name) {
    for (JsonNode service : overview.get("services")) {
      if (service.get("service").asText().equals(name)) {
        return service;
      }
    }
    throw new AssertionError(name + " is not listed");
  }

  @Test
  void aServiceThatDoesNotAnswerIsListedUnreachableAndTheRestIsShown() throws Exception {
    long started = System.nanoTime();
    var reply = overview(token(Role.ADMIN));
    var took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    assertThat(took).isLessThan(AdminOverviewRoutes.ANSWER_WITHIN.plusSeconds(5));
    var body = Json.MAPPER.readTree(reply.body());
    var silentOne = service(body, "payment-service");
    assertThat(silentOne.get("reachable").asBoolean()).isFalse();
    assertThat(silentOne.get("outbox_pending").isNull()).isTrue();
    assertThat(silentOne.get("consumer_lag").isNull()).isTrue();

    var orders = service(body, "order-service");
    assertThat(orders.get("reachable").asBoolean()).isTrue();
    assertThat(orders.get("outbox_pending").asLong()).isEqualTo(4);
    assertThat(orders.get("outbox_oldest_age_seconds").asDouble()).isEqualTo(1.5);
    assertThat(orders.at("/consumer_lag/0/consumer").asText()).isEqualTo("order-payment-events");
    assertThat(orders.at("/consumer_lag/0/lag").asLong()).isEqualTo(7);
    assertThat(orders.at("/consumer_lag/1/lag").isNull()).as("before its first poll").isTrue();

    var minutes = body.get("orders_per_minute");
    assertThat(minutes).hasSize(AdminOverviewRoutes.MINUTES);
    assertThat(minutes.get(14).get("minute").asText()).isEqualTo(MINUTE.toString());
    assertThat(minutes.get(14).get("created").asLong()).isEqualTo(2);
    assertThat(minutes.get(14).get("paid").asLong()).isEqualTo(1);
    assertThat(minutes.get(14).get("failed").asLong()).isEqualTo(1);
    assertThat(body.at("/dead_letters/reachable").asBoolean()).isTrue();
    assertThat(body.at("/dead_letters/depth").asLong()).isEqualTo(3);
    assertThat(body.at("/order_latency_ms/count").asLong()).isZero();
  }

  @Test
  void customersAndStrangersAreRefused() throws Exception {
    assertThat(overview(token(Role.CUSTOMER)).statusCode()).isEqualTo(403);
    assertThat(overview(null).statusCode()).isEqualTo(401);
  }
}
