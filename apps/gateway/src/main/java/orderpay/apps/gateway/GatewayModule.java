package orderpay.apps.gateway;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.function.Supplier;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.rest.Authenticator;
import orderpay.adapters.rest.UserRoutes;
import orderpay.adapters.security.JwtVerifier;
import orderpay.contracts.user.v1.GetSigningKeysRequest;
import orderpay.contracts.user.v1.UserServiceGrpc;

@Module
public interface GatewayModule {
  @Provides
  @Singleton
  @Named("user")
  static GrpcChannels.Client userChannel(GatewayConfig config) {
    return GrpcChannels.open(config.userServiceTarget(), config.downstreamDeadline());
  }

  @Provides
  static UserServiceGrpc.UserServiceBlockingStub users(@Named("user") GrpcChannels.Client channel) {
    return UserServiceGrpc.newBlockingStub(channel.channel());
  }

  /** Public keys only: from the environment if pinned there, otherwise from the user service. */
  @Provides
  @Singleton
  static JwtVerifier verifier(
      GatewayConfig config, UserServiceGrpc.UserServiceBlockingStub users, Clock clock) {
    Supplier<String> keys =
        config
            .publicJwks()
            .<Supplier<String>>map(jwks -> () -> jwks)
            .orElse(
                () ->
                    users
                        .getSigningKeys(GetSigningKeysRequest.getDefaultInstance())
                        .getJwkSetJson());
    return new JwtVerifier(keys, clock);
  }

  @Provides
  static Authenticator authenticator(JwtVerifier verifier) {
    return new Authenticator(verifier);
  }

  @Provides
  static UserRoutes userRoutes(UserServiceGrpc.UserServiceBlockingStub users, Authenticator auth) {
    return new UserRoutes(users, auth);
  }
}
