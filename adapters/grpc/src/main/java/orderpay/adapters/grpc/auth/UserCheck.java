package orderpay.adapters.grpc.auth;

import io.grpc.BindableService;
import io.grpc.CallCredentials;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import java.util.concurrent.Executor;
import orderpay.adapters.security.JwtVerifier;
import orderpay.adapters.security.Principal;

/**
 * The customer a call acts for, proven by the customer's own access token: the gateway forwards it
 * ({@link #forward}) and the service verifies it again ({@link #requireOnEveryCall}) instead of
 * trusting a user id the caller wrote into the request. A service that trusted such fields would
 * act for anyone whom a compromised or buggy caller named.
 */
public final class UserCheck implements ServerInterceptor {
  public static final Metadata.Key<String> USER_TOKEN =
      Metadata.Key.of("x-orderpay-user-token", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Principal> USER = Context.key("orderpay-user");

  private final JwtVerifier verifier;

  private UserCheck(JwtVerifier verifier) {
    this.verifier = verifier;
  }

  /** Every method of the service acts for a customer: no verified token, no call. */
  public static UserCheck requireOnEveryCall(JwtVerifier verifier) {
    return new UserCheck(verifier);
  }

  /** {@code service} with every call checked first. */
  public BindableService protect(BindableService service) {
    return () -> ServerInterceptors.intercept(service, this);
  }

  /** Client side: this call acts for the holder of {@code accessToken}. */
  public static CallCredentials forward(String accessToken) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        var headers = new Metadata();
        headers.put(USER_TOKEN, accessToken);
        applier.apply(headers);
      }
    };
  }

  /** The verified customer of the call being served. */
  public static Principal currentUser() {
    Principal user = USER.get();
    if (user == null) {
      throw new IllegalStateException("no verified user: is UserCheck installed on this service?");
    }
    return user;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String token = headers.get(USER_TOKEN);
    if (token == null) {
      return refuse(call, "the customer's access token is required");
    }
    try {
      Principal user = verifier.verify(token);
      return Contexts.interceptCall(Context.current().withValue(USER, user), call, headers, next);
    } catch (JwtVerifier.InvalidToken e) {
      return refuse(call, "the customer's access token is invalid or expired");
    }
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why) {
    call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
