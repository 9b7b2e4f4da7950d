package orderpay.domain.user;

import orderpay.domain.shared.DomainException;

/**
 * What a credential must look like before we spend a slow hash on it. The upper bound keeps a
 * hostile megabyte "password" from becoming a CPU attack.
 */
public final class CredentialPolicy {
  public static final int MIN_PASSWORD_LENGTH = 8;
  public static final int MAX_PASSWORD_LENGTH = 256;
  public static final int MAX_NAME_LENGTH = 200;

  public void checkPassword(String password) {
    if (password == null || password.isEmpty()) {
      throw DomainException.invalidField("password", "password is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_PASSWORD_LENGTH) {
      throw DomainException.invalidField(
          "password", "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (length > MAX_PASSWORD_LENGTH) {
      throw DomainException.invalidField(
          "password", "password must have at most " + MAX_PASSWORD_LENGTH + " characters");
    }
  }

  /** Returns the trimmed display name. */
  public String checkName(String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      throw DomainException.invalidField("name", "name is required");
    }
    if (trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
      throw DomainException.invalidField(
          "name", "name must be at most " + MAX_NAME_LENGTH + " printable characters");
    }
    return trimmed;
  }

  /** A login attempt with an over-long password can never match; refuse it before hashing. */
  public boolean isPlausibleLoginPassword(String password) {
    return password != null && !password.isEmpty() && password.length() <= MAX_PASSWORD_LENGTH * 2;
  }
}
