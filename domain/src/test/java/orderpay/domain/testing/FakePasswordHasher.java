package orderpay.domain.testing;

import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.PasswordHasher;

/** Fast and reversible-looking, for domain tests only; counts hashes. */
public final class FakePasswordHasher implements PasswordHasher {
  public int hashed;

  @Override
  public PasswordHash hash(String password) {
    hashed++;
    return new PasswordHash("fake$" + new StringBuilder(password).reverse());
  }

  @Override
  public boolean matches(String password, PasswordHash hash) {
    return hash.encoded().equals("fake$" + new StringBuilder(password).reverse());
  }
}
