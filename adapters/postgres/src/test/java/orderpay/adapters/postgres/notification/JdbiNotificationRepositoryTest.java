package orderpay.adapters.postgres.notification;

import orderpay.adapters.postgres.ContractDatabase;
import orderpay.domain.notification.NotificationRepository;
import orderpay.domain.testing.NotificationRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiNotificationRepositoryTest extends NotificationRepositoryContract {
  @RegisterExtension
  static final ContractDatabase database = new ContractDatabase("notification", "notifications");

  @Override
  protected NotificationRepository emptyRepository() {
    return new JdbiNotificationRepository(database.emptied());
  }
}
