package orderpay.domain.user;

import orderpay.domain.shared.DomainException;

public final class GetUser {
  private final UserRepository users;

  public GetUser(UserRepository users) {
    this.users = users;
  }

  public User get(UserId id) {
    return users.findById(id).orElseThrow(() -> DomainException.notFound("user", id.toString()));
  }
}
