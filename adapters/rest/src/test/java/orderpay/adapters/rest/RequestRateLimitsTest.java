package orderpay.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.adapters.rest.RequestRateLimits.Group;
import orderpay.adapters.rest.RequestRateLimits.Rate;
import orderpay.adapters.security.JwtTokenIssuer;
import orderpay.adapters.security.JwtVerifier;
import orderpay.adapters.security.SigningKey;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.user.Email;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.Role;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limits through a real gateway server, in front of handlers that count what reached them. */
class RequestRateLimitsTest {
  private final MutableClock clock = new MutableClock(Instant.now());
  private final SigningKey key = SigningKey.generate();
  private final JwtTokenIssuer issuer = new JwtTokenIssuer(key, Duration.ofDays(1), clock);
  private final Authenticator auth =
      new Authenticator(new JwtVerifier(key::publicJwkSetJson, clock));
  private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private GatewayServer server;
  private RequestRateLimits limits;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(Map<Group, Optional<Rate>> perAddress, Optional<Rate> perAccount, int max) {
    limits =
        new RequestRateLimits(
            new RequestRateLimits.Settings(perAddress, perAccount, max), auth, clock);
    var routes = new ArrayList<Route>();
    for (String path :
        List.of("/api/v1/users", "/api/v1/auth/token", "/api/v1/auth/refresh", "/api/v1/orders")) {
      routes.add(Route.post(path, ctx -> count(ctx.method() + " " + path, ctx)));
    }
    routes.add(Route.get("/api/v1/orders", ctx -> count("GET /api/v1/orders", ctx)));
    server = GatewayServer.start("127.0.0.1", 0, List.of(), limits.guard(routes));
  }

  private void count(String route, io.javalin.http.Context ctx) {
    handled.computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
    ctx.status(201).result("");
  }

  private int handled(String route) {
    return handled.getOrDefault(route, new AtomicInteger()).get();
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String tokenFor(UUID userId) {
    var user =
        new User(
            new UserId(userId),
            Email.parse("u" + userId.toString().substring(0, 8) + "@example.com"),
            "U",
            Role.CUSTOMER,
            new PasswordHash("x"),
            clock.instant());
    return issuer.issue(user).value();
  }

  @Test
  void signUpsOverTheAddressLimitAre429WithRetryAfterAndReachNoHandler() throws Exception {
    start(
        Map.of(Group.SIGN_UP, Optional.of(new Rate(2, Duration.ofHours(1)))),
        Optional.empty(),
        1000);

    assertThat(send("POST", "/api/v1/users", null).statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/v1/users", null).statusCode()).isEqualTo(201);
    var refused = send("POST", "/api/v1/users", null);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body()).contains("\"code\":\"rate_limited\"");
    // one token comes back every 30 minutes
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1800");
    assertThat(handled("POST /api/v1/users")).isEqualTo(2);

    clock.advance(Duration.ofMinutes(30));
    assertThat(send("POST", "/api/v1/users", null).statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/v1/users", null).statusCode()).isEqualTo(429);
    assertThat(handled("POST /api/v1/users")).isEqualTo(3);
  }

  @Test
  void eachGroupHasItsOwnBucketAndOtherRoutesAreNotLimited() throws Exception {
    var oncePerHour = Optional.of(new Rate(1, Duration.ofHours(1)));
    start(
        Map.of(
            Group.SIGN_UP, oncePerHour,
            Group.LOGIN, oncePerHour,
            Group.REFRESH, oncePerHour,
            Group.ORDER_CREATION, oncePerHour),
        Optional.empty(),
        1000);

    for (String path :
        List.of("/api/v1/users", "/api/v1/auth/token", "/api/v1/auth/refresh", "/api/v1/orders")) {
      assertThat(send("POST", path, null).statusCode()).as(path).isEqualTo(201);
      assertThat(send("POST", path, null).statusCode()).as(path).isEqualTo(429);
      assertThat(handled("POST " + path)).as(path).isEqualTo(1);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(send("GET", "/api/v1/orders", null).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void ordersAreAlsoLimitedPerAccount() throws Exception {
    start(
        Map.of(Group.ORDER_CREATION, Optional.of(new Rate(100, Duration.ofSeconds(1)))),
        Optional.of(new Rate(2, Duration.ofMinutes(1))),
        1000);
    String alice = tokenFor(UUID.randomUUID());
    String bob = tokenFor(UUID.randomUUID());

    assertThat(send("POST", "/api/v1/orders", alice).statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/v1/orders", alice).statusCode()).isEqualTo(201);
    var refused = send("POST", "/api/v1/orders", alice);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");

    assertThat(send("POST", "/api/v1/orders", bob).statusCode()).isEqualTo(201);
    assertThat(handled("POST /api/v1/orders")).isEqualTo(3);
  }

  @Test
  void keepsNoMoreBucketsThanItsBound() throws Exception {
    start(Map.of(), Optional.of(new Rate(5, Duration.ofMinutes(1))), 10);
    for (int i = 0; i < 40; i++) {
      assertThat(send("POST", "/api/v1/orders", tokenFor(UUID.randomUUID())).statusCode())
          .isEqualTo(201);
    }
    assertThat(limits.trackedBuckets()).isLessThanOrEqualTo(10);
  }
}
