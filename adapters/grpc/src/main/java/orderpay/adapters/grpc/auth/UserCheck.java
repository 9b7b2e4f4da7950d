package orderpay.adapters.grpc.auth;

import io.grpc.BindableService;
import io.grpc.CallCredentials;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import orderpay.adapters.security.JwtVerifier;
import orderpay.adapters.security.Principal;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;

/**
 * The customer a call acts for, proven by the customer's own access token: the gateway forwards it
 * ({@link #forward}) and the service verifies it again ({@link #requireOnEveryCall}, {@link
 * #customersOnly}, {@link #adminsOnly}) instead of trusting a user id the caller wrote into the
 * request. A service that trusted such fields would act for anyone whom a compromised or buggy
 * caller named.
 */
public final class UserCheck implements ServerInterceptor {
  public static final Metadata.Key<String> USER_TOKEN =
      Metadata.Key.of("x-orderpay-user-token", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Principal> USER = Context.key("orderpay-user");

  /** What a method needs to run. */
  private enum Need {
    CUSTOMER,
    ADMIN
  }

  private final JwtVerifier verifier;
  private final Map<String, Need> needs;
  // what methods not in the map need; null: nothing
  private final Need otherwise;
  // services whose calls act for no customer (the notification service reading an order's buyer)
  private final Set<String> callersForNoCustomer;

  private UserCheck(
      JwtVerifier verifier,
      Map<String, Need> needs,
      Need otherwise,
      Set<String> callersForNoCustomer) {
    this.verifier = verifier;
    this.needs = needs;
    this.otherwise = otherwise;
    this.callersForNoCustomer = callersForNoCustomer;
  }

  /** Every method of the service acts for a customer: no verified token, no call. */
  public static UserCheck requireOnEveryCall(JwtVerifier verifier) {
    return new UserCheck(verifier, Map.of(), Need.CUSTOMER, Set.of());
  }

  /** These methods act for a customer; the service's other methods need none. */
  public static UserCheck customersOnly(JwtVerifier verifier, MethodDescriptor<?, ?>... methods) {
    return new UserCheck(verifier, each(methods, Need.CUSTOMER), null, Set.of());
  }

  /**
   * These methods act for a customer when the gateway calls them; {@code callersForNoCustomer}
   * (checked by {@link CallerCheck} first) call them for their own work, without one.
   */
  public static UserCheck customersOnly(
      JwtVerifier verifier, Set<String> callersForNoCustomer, MethodDescriptor<?, ?>... methods) {
    return new UserCheck(verifier, each(methods, Need.CUSTOMER), null, callersForNoCustomer);
  }

  /**
   * These methods change what every customer sees (the catalogue, stock): they need an admin's
   * token, verified here; the service's other methods need none.
   */
  public static UserCheck adminsOnly(JwtVerifier verifier, MethodDescriptor<?, ?>... methods) {
    return new UserCheck(verifier, each(methods, Need.ADMIN), null, Set.of());
  }

  private static Map<String, Need> each(MethodDescriptor<?, ?>[] methods, Need need) {
    var needs = new HashMap<String, Need>();
    for (var method : methods) {
      needs.put(method.getFullMethodName(), need);
    }
    return Map.copyOf(needs);
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

  /** The verified customer of the call being served, if the call acts for one. */
  public static java.util.Optional<Principal> currentUserIfAny() {
    return java.util.Optional.ofNullable(USER.get());
  }

  /** The verified customer of the call being served. */
  public static Principal currentUser() {
    Principal user = USER.get();
    if (user == null) {
      throw new IllegalStateException("no verified user: is UserCheck installed on this service?");
    }
    return user;
  }

  /** The verified customer of the call being served, as the domain's reader. */
  public static Reader currentReader() {
    return readerOf(currentUser());
  }

  /**
   * The verified customer of the call as the domain's reader; a call that acts for none came from
   * one of the {@code callersForNoCustomer} (see {@link #customersOnly(JwtVerifier, Set,
   * MethodDescriptor[])}) doing its own work.
   */
  public static Reader currentReaderOrNoCustomer() {
    return currentUserIfAny().map(UserCheck::readerOf).orElseGet(Reader::forNoCustomer);
  }

  private static Reader readerOf(Principal user) {
    return Reader.of(UserId.parse(user.userId()), user.isAdmin());
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Need need = needs.getOrDefault(call.getMethodDescriptor().getFullMethodName(), otherwise);
    if (need == null || callersForNoCustomer.contains(CallerCheck.CALLER.get())) {
      return next.startCall(call, headers);
    }
    String token = headers.get(USER_TOKEN);
    if (token == null) {
      return refuse(call, Status.UNAUTHENTICATED, "the customer's access token is required");
    }
    Principal user;
    try {
      user = verifier.verify(token);
    } catch (JwtVerifier.InvalidToken e) {
      return e.keysUnavailable()
          ? refuse(call, Status.UNAVAILABLE, "the keys that verify access tokens cannot be read")
          : refuse(
              call, Status.UNAUTHENTICATED, "the customer's access token is invalid or expired");
    }
    if (need == Need.ADMIN && !user.isAdmin()) {
      return refuse(call, Status.PERMISSION_DENIED, "an admin's access token is required");
    }
    return Contexts.interceptCall(Context.current().withValue(USER, user), call, headers, next);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(
      ServerCall<Q, R> call, Status status, String why) {
    call.close(status.withDescription(why), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
