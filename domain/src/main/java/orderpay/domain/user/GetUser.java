package orderpay.domain.user;

import orderpay.domain.shared.DomainException;

/** An account, to its holder, an admin or a service acting for no customer; to others none. */
public record GetUser(UserRepository users) {

  public User get(UserId id, Reader reader) {
    // no lookup for a stranger: the answer is the same whether the account exists or not
    if (!reader.mayRead(id)) {
      throw DomainException.notFound("user", id.toString());
    }
    return users.findById(id).orElseThrow(() -> DomainException.notFound("user", id.toString()));
  }

  /**
   * The account with this email, to an admin (or its holder); to anyone else it does not exist, as
   * an unknown address does not.
   */
  public User byEmail(Email email, Reader reader) {
    return users
        .findByEmail(email)
        .filter(user -> reader.customer().isPresent() && reader.mayRead(user.id()))
        .orElseThrow(() -> DomainException.notFound("user", email.value()));
  }
}
