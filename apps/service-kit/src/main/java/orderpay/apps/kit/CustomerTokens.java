package orderpay.apps.kit;

import io.grpc.MethodDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.adapters.grpc.auth.UserSigningKeys;
import orderpay.adapters.security.JwtVerifier;

/**
 * How a service verifies the customers' access tokens that come with its calls: the same ES256
 * verifier as the gateway's, with the public keys pinned ({@code ORDERPAY_JWT_PUBLIC_JWKS}) or
 * asked of the user service over a channel this object owns. Close it when the service stops.
 */
public final class CustomerTokens implements AutoCloseable {
  private final Optional<GrpcChannels.Client> userService;
  private final JwtVerifier verifier;

  private CustomerTokens(Optional<GrpcChannels.Client> userService, JwtVerifier verifier) {
    this.userService = userService;
    this.verifier = verifier;
  }

  static CustomerTokens open(ServiceSettings settings, Clock clock) {
    Optional<GrpcChannels.Client> channel =
        settings.publicJwks().isPresent()
            ? Optional.empty()
            : Optional.of(
                GrpcChannels.open(
                    settings.userServiceTarget(), Duration.ofSeconds(5), settings.credentials()));
    var keys =
        UserSigningKeys.source(
            settings.publicJwks(), channel.map(GrpcChannels.Client::channel).orElse(null));
    return new CustomerTokens(channel, new JwtVerifier(keys, clock));
  }

  /** What checks the tokens, for the checks the kit installs itself ({@link RunningService}). */
  public JwtVerifier verifier() {
    return verifier;
  }

  /** Every call acts for a verified customer. */
  public UserCheck onEveryCall() {
    return UserCheck.requireOnEveryCall(verifier);
  }

  /** These methods act for a verified customer; the others need none. */
  public UserCheck customersFor(MethodDescriptor<?, ?>... methods) {
    return UserCheck.customersOnly(verifier, methods);
  }

  /** These methods need a verified admin; the others need no customer. */
  public UserCheck adminsFor(MethodDescriptor<?, ?>... methods) {
    return UserCheck.adminsOnly(verifier, methods);
  }

  @Override
  public void close() {
    userService.ifPresent(GrpcChannels.Client::close);
  }
}
