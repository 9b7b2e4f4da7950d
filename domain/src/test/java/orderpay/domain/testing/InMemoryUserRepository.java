package orderpay.domain.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import orderpay.domain.user.Email;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import orderpay.domain.user.UserRepository;

public final class InMemoryUserRepository implements UserRepository {
  private final Map<UserId, User> byId = new ConcurrentHashMap<>();
  private final Map<String, UserId> byEmail = new ConcurrentHashMap<>();

  @Override
  public synchronized boolean addIfEmailFree(User user) {
    if (byEmail.putIfAbsent(user.email().value(), user.id()) != null) {
      return false;
    }
    byId.put(user.id(), user);
    return true;
  }

  @Override
  public Optional<User> findById(UserId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return Optional.ofNullable(byEmail.get(email.value())).map(byId::get);
  }
}
