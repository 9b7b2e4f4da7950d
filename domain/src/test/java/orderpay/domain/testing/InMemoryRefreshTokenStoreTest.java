package orderpay.domain.testing;

import java.util.UUID;
import orderpay.domain.user.RefreshTokenStore;
import orderpay.domain.user.UserId;

class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContract {
  @Override
  protected RefreshTokenStore emptyStore() {
    return new InMemoryRefreshTokenStore();
  }

  @Override
  protected UserId existingUser() {
    return new UserId(UUID.randomUUID());
  }
}
