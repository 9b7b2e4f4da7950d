package orderpay.adapters.rest;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.contracts.user.v1.AuthenticateUserRequest;
import orderpay.contracts.user.v1.GetUserRequest;
import orderpay.contracts.user.v1.RefreshTokenRequest;
import orderpay.contracts.user.v1.RegisterUserRequest;
import orderpay.contracts.user.v1.TokenPair;
import orderpay.contracts.user.v1.User;
import orderpay.contracts.user.v1.UserServiceGrpc;

/** Sign-up, login, token refresh and the caller's own account. */
public record UserRoutes(
    UserServiceGrpc.UserServiceBlockingStub users, Authenticator auth, LoginThrottle throttle) {

  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/users", this::signUp),
        Route.post("/api/v1/auth/token", this::login),
        Route.post("/api/v1/auth/refresh", this::refresh),
        Route.get("/api/v1/users/me", this::me));
  }

  private void signUp(Context ctx) {
    var body = JsonBody.of(ctx);
    var user =
        users.registerUser(
            RegisterUserRequest.newBuilder()
                .setEmail(body.requiredString("email"))
                .setPassword(body.requiredString("password"))
                .setName(body.requiredString("name"))
                .build());
    Json.respond(ctx, 201, toJson(user));
  }

  private void login(Context ctx) {
    var body = JsonBody.of(ctx);
    String email = body.requiredString("email");
    throttle.attempt(email);
    var tokens =
        users.authenticateUser(
            AuthenticateUserRequest.newBuilder()
                .setEmail(email)
                .setPassword(body.requiredString("password"))
                .build());
    Json.respond(ctx, 200, toJson(tokens));
  }

  private void refresh(Context ctx) {
    var body = JsonBody.of(ctx);
    var tokens =
        users.refreshToken(
            RefreshTokenRequest.newBuilder()
                .setRefreshToken(body.requiredString("refresh_token"))
                .build());
    Json.respond(ctx, 200, toJson(tokens));
  }

  private void me(Context ctx) {
    var caller = auth.requireForwarding(ctx);
    var me =
        users
            .withCallCredentials(caller.forwarded())
            .getUser(GetUserRequest.newBuilder().setId(caller.principal().userId()).build());
    Json.respond(ctx, 200, toJson(me));
  }

  static Map<String, Object> toJson(User user) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", user.getId());
    json.put("email", user.getEmail());
    json.put("name", user.getName());
    json.put(
        "role",
        switch (user.getRole()) {
          case ROLE_ADMIN -> "admin";
          case ROLE_CUSTOMER, ROLE_UNSPECIFIED, UNRECOGNIZED -> "customer";
        });
    json.put("created_at", ProtoTime.toInstant(user.getCreatedAt()).toString());
    return json;
  }

  static Map<String, Object> toJson(TokenPair tokens) {
    var json = new LinkedHashMap<String, Object>();
    json.put("access_token", tokens.getAccessToken());
    json.put("token_type", "Bearer");
    json.put("expires_in", tokens.getExpiresInSeconds());
    json.put("refresh_token", tokens.getRefreshToken());
    return json;
  }
}
