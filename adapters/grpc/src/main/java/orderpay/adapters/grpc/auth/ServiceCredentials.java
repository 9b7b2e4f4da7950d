package orderpay.adapters.grpc.auth;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client side: every call carries {@code authorization: Bearer <service token>} naming this process
 * and the gRPC service called. A token is made once a minute per service called, well inside its
 * lifetime, so signing costs nothing per call.
 */
public final class ServiceCredentials implements ClientInterceptor {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Duration RENEW_AFTER = Duration.ofMinutes(1);

  private final ServiceKey key;
  private final String caller;
  private final Clock clock;
  private final ConcurrentHashMap<String, Minted> tokens = new ConcurrentHashMap<>();

  private record Minted(String header, Instant at) {}

  public ServiceCredentials(ServiceKey key, String caller, Clock clock) {
    this.key = key;
    this.caller = caller;
    this.clock = clock;
  }

  public ServiceCredentials(ServiceKey key, String caller) {
    this(key, caller, Clock.systemUTC());
  }

  public String caller() {
    return caller;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        headers.put(AUTHORIZATION, header(method.getServiceName()));
        super.start(listener, headers);
      }
    };
  }

  private String header(String audience) {
    Instant now = clock.instant();
    return tokens
        .compute(
            audience,
            (service, minted) ->
                minted != null
                        && minted.at().plus(RENEW_AFTER).isAfter(now)
                        && !minted.at().isAfter(now)
                    ? minted
                    : new Minted("Bearer " + ServiceToken.mint(key, caller, service, now), now))
        .header();
  }
}
