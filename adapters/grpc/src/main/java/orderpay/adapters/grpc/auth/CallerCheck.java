package orderpay.adapters.grpc.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Clock;
import orderpay.adapters.grpc.auth.ServiceToken.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side: a call runs only if it carries a valid service token for this gRPC service from a
 * caller the policy allows: UNAUTHENTICATED without one, PERMISSION_DENIED for a caller outside the
 * policy. The caller's name is in {@link #CALLER} while the call runs.
 */
public record CallerCheck(ServiceKey key, CallerPolicy policy, Clock clock)
    implements ServerInterceptor {
  public static final Context.Key<String> CALLER = Context.key("orderpay-caller");
  private static final Logger log = LoggerFactory.getLogger(CallerCheck.class);
  private static final String BEARER = "Bearer ";

  public CallerCheck(ServiceKey key, CallerPolicy policy) {
    this(key, policy, Clock.systemUTC());
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    var method = call.getMethodDescriptor();
    String header = headers.get(ServiceCredentials.AUTHORIZATION);
    String token =
        header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()) : null;
    switch (ServiceToken.verify(key, token, method.getServiceName(), clock.instant())) {
      case Verdict.Refused(String reason) -> {
        log.warn("refused a call to {}: {}", method.getFullMethodName(), reason);
        return refuse(call, Status.UNAUTHENTICATED.withDescription("service token required"));
      }
      case Verdict.Accepted(String caller) when !policy.allows(caller, method) -> {
        log.warn(
            "refused {} calling {}: not an edge of the architecture",
            caller,
            method.getFullMethodName());
        return refuse(
            call,
            Status.PERMISSION_DENIED.withDescription(
                caller + " may not call " + method.getFullMethodName()));
      }
      case Verdict.Accepted(String caller) -> {
        return Contexts.interceptCall(
            Context.current().withValue(CALLER, caller), call, headers, next);
      }
    }
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
