package orderpay.domain.testing;

import orderpay.domain.user.UserRepository;

class InMemoryUserRepositoryTest extends UserRepositoryContract {
  private final InMemoryUserRepository repository = new InMemoryUserRepository();

  @Override
  protected UserRepository repository() {
    return repository;
  }
}
