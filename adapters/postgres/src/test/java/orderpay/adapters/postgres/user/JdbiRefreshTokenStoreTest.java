package orderpay.adapters.postgres.user;

import java.time.Instant;
import java.util.UUID;
import orderpay.adapters.postgres.ContractDatabase;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.testing.RefreshTokenStoreContract;
import orderpay.domain.user.Email;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.RefreshTokenStore;
import orderpay.domain.user.Role;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiRefreshTokenStoreTest extends RefreshTokenStoreContract {
  @RegisterExtension
  static final ContractDatabase database = new ContractDatabase("user", "refresh_tokens", "users");

  private JdbiTransactions transactions;

  @Override
  protected RefreshTokenStore emptyStore() {
    transactions = database.emptied();
    return new JdbiRefreshTokenStore(transactions);
  }

  @Override
  protected UserId existingUser() {
    var id = new UserId(UUID.randomUUID());
    new JdbiUserRepository(transactions)
        .addIfEmailFree(
            new User(
                id,
                Email.parse(id.value() + "@example.com"),
                "Ada",
                Role.CUSTOMER,
                new PasswordHash("$argon2id$stub"),
                Instant.parse("2026-03-01T12:00:00Z")));
    return id;
  }
}
