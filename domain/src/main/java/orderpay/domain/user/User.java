package orderpay.domain.user;

import java.time.Instant;

public record User(
    UserId id, Email email, String name, Role role, PasswordHash passwordHash, Instant createdAt) {

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
