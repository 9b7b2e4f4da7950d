package orderpay.adapters.rest;

import io.javalin.http.Context;
import orderpay.adapters.security.JwtVerifier;
import orderpay.adapters.security.Principal;

/** Reads the bearer token of a request; every refusal is the same 401 to the client. */
public final class Authenticator {
  private final JwtVerifier verifier;

  public Authenticator(JwtVerifier verifier) {
    this.verifier = verifier;
  }

  public Principal require(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiError.unauthenticated("a bearer access token is required");
    }
    try {
      return verifier.verify(header.substring(7).strip());
    } catch (JwtVerifier.InvalidToken e) {
      throw ApiError.unauthenticated("the access token is invalid or expired");
    }
  }

  public Principal requireAdmin(Context ctx) {
    Principal principal = require(ctx);
    if (!principal.isAdmin()) {
      throw ApiError.forbidden();
    }
    return principal;
  }
}
