package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import orderpay.adapters.security.JwtTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The auth routes of API.md end to end: gateway -> gRPC -> user service -> PostgreSQL. */
class AuthApiTest {
  private static RunningSandbox system;

  @BeforeAll
  static void start() {
    system =
        RunningSandbox.start(
            AuthApiTest.class, java.util.Map.of("GATEWAY_LOGIN_ATTEMPTS_PER_MINUTE", "5"));
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static RunningSandbox.Reply signUp(String email, String password) {
    return system.post(
        "/api/v1/users",
        "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Test User\"}".formatted(email, password));
  }

  private static String login(String email, String password) {
    var reply =
        system.post(
            "/api/v1/auth/token",
            "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password));
    assertThat(reply.status()).isEqualTo(200);
    return reply.body().get("access_token").asText();
  }

  private static void assertError(RunningSandbox.Reply reply, int status, String code) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo(code);
    assertThat(reply.body().at("/error/message").asText()).isNotBlank();
  }

  @Test
  void signUpLogInAndReadOneself() {
    var created = signUp("Alice@Example.com", "wonderland-1");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("email").asText()).isEqualTo("alice@example.com");
    assertThat(created.body().get("role").asText()).isEqualTo("customer");
    assertThat(created.body().has("password")).isFalse();

    var tokens =
        system.post(
            "/api/v1/auth/token",
            "{\"email\":\"alice@example.com\",\"password\":\"wonderland-1\"}");
    assertThat(tokens.status()).isEqualTo(200);
    assertThat(tokens.body().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(tokens.body().get("expires_in").asLong()).isPositive();

    var me = system.get("/api/v1/users/me", tokens.body().get("access_token").asText());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().get("id").asText()).isEqualTo(created.body().get("id").asText());
    assertThat(me.body().get("created_at").asText())
        .isEqualTo(created.body().get("created_at").asText());
  }

  @Test
  void theSameEmailInAnotherCaseIsEmailTaken() {
    assertThat(signUp("bob@example.com", "builder-123").status()).isEqualTo(201);
    assertError(signUp("BOB@example.com", "builder-456"), 409, "email_taken");
  }

  @Test
  void refreshTokensRotateAndAreSingleUse() {
    signUp("carol@example.com", "carol-secret");
    var tokens =
        system.post(
            "/api/v1/auth/token",
            "{\"email\":\"carol@example.com\",\"password\":\"carol-secret\"}");
    String refresh = tokens.body().get("refresh_token").asText();
    var rotated = system.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(system.get("/api/v1/users/me", rotated.body().get("access_token").asText()).status())
        .isEqualTo(200);
    assertError(
        system.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}"),
        401,
        "unauthenticated");
    assertError(
        system.post("/api/v1/auth/refresh", "{\"refresh_token\":\"made-up\"}"),
        401,
        "unauthenticated");
  }

  @Test
  void badCredentialsAre401() {
    signUp("dave@example.com", "dave-secret");
    assertError(
        system.post(
            "/api/v1/auth/token", "{\"email\":\"dave@example.com\",\"password\":\"wrong-one\"}"),
        401,
        "unauthenticated");
    assertError(
        system.post(
            "/api/v1/auth/token",
            "{\"email\":\"nobody@example.com\",\"password\":\"dave-secret\"}"),
        401,
        "unauthenticated");
  }

  @Test
  void theConfiguredAdminCanLogInWithTheAdminRole() throws Exception {
    String token = login("admin@orderpay.test", "admin-password-e2e");
    assertThat(system.get("/api/v1/users/me", token).body().get("role").asText())
        .isEqualTo("admin");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{bad json",
        "[]",
        "\"just a string\"",
        "{\"email\":5,\"password\":\"long-enough\",\"name\":\"X\"}",
        "{\"email\":\"x@example.com\",\"password\":12345678,\"name\":\"X\"}",
        "{\"email\":\"x@example.com\",\"password\":\"long-enough\"}",
        "{\"password\":\"long-enough\",\"name\":\"X\"}",
        "{\"email\":\"not-an-email\",\"password\":\"long-enough\",\"name\":\"X\"}",
        "{\"email\":\"x@example.com\",\"password\":\"short\",\"name\":\"X\"}",
        "{\"email\":\"' OR 1=1; DROP TABLE users;--@x.io\",\"password\":\"long-enough\",\"name\":\"X\"}",
        "{\"email\":{\"$ne\":null},\"password\":\"long-enough\",\"name\":\"X\"}",
        "{\"email\":\"x@example.com\",\"password\":\"long-enough\",\"name\":\"X\",\"role\":\"admin\"\"}"
      })
  void malformedSignUpsAre400AndChangeNothing(String body) {
    var reply = system.post("/api/v1/users", body);
    assertError(reply, 400, "invalid_request");
    // asked of the user service directly: the gateway's login throttle must not hide the answer
    try (var channel =
        orderpay.adapters.grpc.GrpcChannels.open(
            system.sandbox.target("user"),
            java.time.Duration.ofSeconds(5),
            system.sandbox.credentials(orderpay.adapters.grpc.auth.Callers.GATEWAY))) {
      var refused =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              io.grpc.StatusRuntimeException.class,
              () ->
                  orderpay.contracts.user.v1.UserServiceGrpc.newBlockingStub(channel.channel())
                      .authenticateUser(
                          orderpay.contracts.user.v1.AuthenticateUserRequest.newBuilder()
                              .setEmail("x@example.com")
                              .setPassword("long-enough")
                              .build()));
      assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
    }
  }

  @Test
  void aClientCannotMakeItselfAdmin() {
    var reply =
        system.post(
            "/api/v1/users",
            "{\"email\":\"eve@example.com\",\"password\":\"eve-secret-1\",\"name\":\"Eve\",\"role\":\"admin\"}");
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body().get("role").asText()).isEqualTo("customer");
  }

  @Test
  void sqlLikeNamesAreStoredLiterally() {
    var reply =
        system.post(
            "/api/v1/users",
            "{\"email\":\"robert@example.com\",\"password\":\"tables-123\",\"name\":\"Robert'); DROP TABLE users;--\"}");
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body().get("name").asText()).isEqualTo("Robert'); DROP TABLE users;--");
    assertThat(login("robert@example.com", "tables-123")).isNotBlank();
  }

  @Test
  void wrongMediaTypeAndHugeBodiesAreRefused() {
    assertError(
        system.send("POST", "/api/v1/users", "text/plain", "email=x", null),
        415,
        "unsupported_media_type");
    String huge = "{\"email\":\"" + "a".repeat(100_000) + "@example.com\"}";
    assertError(system.post("/api/v1/users", huge), 413, "payload_too_large");
  }

  @Test
  void missingMalformedTamperedForeignNoneAndExpiredTokensAre401() throws Exception {
    signUp("frank@example.com", "frank-secret");
    String good = login("frank@example.com", "frank-secret");
    String[] parts = good.split("\\.");
    String noneHeader =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String tamperedPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("customer", "admin")
                    .getBytes(StandardCharsets.UTF_8));

    assertError(system.get("/api/v1/users/me", null), 401, "unauthenticated");
    assertError(system.get("/api/v1/users/me", "garbage"), 401, "unauthenticated");
    assertError(
        system.get("/api/v1/users/me", noneHeader + "." + parts[1] + "."), 401, "unauthenticated");
    assertError(
        system.get("/api/v1/users/me", parts[0] + "." + tamperedPayload + "." + parts[2]),
        401,
        "unauthenticated");
    assertError(system.get("/api/v1/users/me", expiredTokenFor(good)), 401, "unauthenticated");
    assertThat(system.get("/api/v1/users/me", null).headers()).containsKey("www-authenticate");
  }

  /** Signs, with the sandbox's real key, a token that expired a minute ago. */
  private static String expiredTokenFor(String validToken) throws Exception {
    var key = ECKey.parse(Files.readString(system.dataDir.resolve("jwt-signing-key.json")));
    var subject = SignedJWT.parse(validToken).getJWTClaimsSet().getSubject();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(JwtTokenIssuer.ISSUER)
            .audience(JwtTokenIssuer.AUDIENCE)
            .subject(subject)
            .claim("role", "customer")
            .issueTime(Date.from(Instant.now().minusSeconds(1000)))
            .expirationTime(Date.from(Instant.now().minusSeconds(60)))
            .build();
    var jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  @Test
  void healthAndUnknownRoutes() {
    assertThat(system.get("/health/live", null).status()).isEqualTo(200);
    var ready = system.get("/health/ready", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body().at("/checks/user-service").asText()).isEqualTo("UP");
    assertError(system.get("/api/v1/nothing-here", null), 404, "not_found");
  }

  @Test
  void operationsEndpointsDescribeAndMeasureTheApi() {
    signUp("metrics@example.com", "metrics-pass");
    var metrics = system.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text())
        .contains(
            "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/users\",status=\"201\"}")
        .contains("jvm_memory_used_bytes");
    var openApi = system.get("/openapi.json", null);
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.body().get("openapi").asText()).startsWith("3.");
    assertThat(openApi.body().at("/paths/~1api~1v1~1users/post")).isNotNull();
    var docs = system.get("/docs", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.text()).contains("/openapi.json");
  }

  @Test
  void repeatedLoginAttemptsForOneAccountAreThrottled() {
    signUp("guessed@example.com", "the-real-password");
    for (int i = 0; i < 5; i++) {
      assertError(
          system.post(
              "/api/v1/auth/token",
              "{\"email\":\"guessed@example.com\",\"password\":\"guess-" + i + "\"}"),
          401,
          "unauthenticated");
    }
    var throttled =
        system.post(
            "/api/v1/auth/token",
            "{\"email\":\"GUESSED@example.com\",\"password\":\"the-real-password\"}");
    assertError(throttled, 429, "rate_limited");
    assertThat(throttled.headers()).containsKey("retry-after");
    // other accounts are not affected
    signUp("unrelated@example.com", "unrelated-pass");
    assertThat(login("unrelated@example.com", "unrelated-pass")).isNotBlank();
  }
}
