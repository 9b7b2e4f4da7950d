package orderpay.adapters.rest;

import io.grpc.CallCredentials;
import io.javalin.http.Context;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.adapters.security.JwtVerifier;
import orderpay.adapters.security.Principal;

/** Reads the bearer token of a request; every refusal is the same 401 to the client. */
public final class Authenticator {
  private final JwtVerifier verifier;

  public Authenticator(JwtVerifier verifier) {
    this.verifier = verifier;
  }

  /** A verified customer and the credentials that hand their token on to the services. */
  public record Caller(Principal principal, CallCredentials forwarded) {}

  public Principal require(Context ctx) {
    return verify(bearer(ctx));
  }

  /** For calls to services that verify the customer themselves (the order service). */
  public Caller requireForwarding(Context ctx) {
    String token = bearer(ctx);
    return new Caller(verify(token), UserCheck.forward(token));
  }

  private static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiError.unauthenticated("a bearer access token is required");
    }
    return header.substring(7).strip();
  }

  private Principal verify(String token) {
    try {
      return verifier.verify(token);
    } catch (JwtVerifier.InvalidToken e) {
      if (e.keysUnavailable()) {
        throw new ApiError(503, "unavailable", "access tokens cannot be checked now; try again");
      }
      throw ApiError.unauthenticated("the access token is invalid or expired");
    }
  }

  /** An admin, with the credentials that hand their token on to services that check it again. */
  public Caller requireAdminForwarding(Context ctx) {
    var caller = requireForwarding(ctx);
    if (!caller.principal().isAdmin()) {
      throw ApiError.forbidden();
    }
    return caller;
  }
}
