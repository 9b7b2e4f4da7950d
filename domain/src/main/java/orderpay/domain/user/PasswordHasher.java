package orderpay.domain.user;

/** A slow, salted password hash (Argon2id in production). */
public interface PasswordHasher {
  PasswordHash hash(String password);

  boolean matches(String password, PasswordHash hash);
}
