package orderpay.adapters.grpc.auth;

import io.grpc.Channel;
import java.util.Optional;
import java.util.function.Supplier;
import orderpay.contracts.user.v1.GetSigningKeysRequest;
import orderpay.contracts.user.v1.UserServiceGrpc;

/**
 * Where a verifier of access tokens finds the public keys: pinned, or asked of the user service.
 */
public final class UserSigningKeys {
  private UserSigningKeys() {}

  /**
   * {@code pinnedJwks} ({@code ORDERPAY_JWT_PUBLIC_JWKS}) if given, else the user service's set.
   */
  public static Supplier<String> source(Optional<String> pinnedJwks, Channel userService) {
    if (pinnedJwks.isPresent()) {
      String jwks = pinnedJwks.get();
      return () -> jwks;
    }
    var users = UserServiceGrpc.newBlockingStub(userService);
    return () -> users.getSigningKeys(GetSigningKeysRequest.getDefaultInstance()).getJwkSetJson();
  }
}
