package orderpay.domain.user;

import orderpay.domain.shared.DomainException;

/** An account, to its holder, an admin or a service acting for no customer; to others none. */
public final class GetUser {
  private final UserRepository users;

  public GetUser(UserRepository users) {
    this.users = users;
  }

  public User get(UserId id, Reader reader) {
    // no lookup for a stranger: the answer is the same whether the account exists or not
    if (!reader.mayRead(id)) {
      throw DomainException.notFound("user", id.toString());
    }
    return users.findById(id).orElseThrow(() -> DomainException.notFound("user", id.toString()));
  }
}
