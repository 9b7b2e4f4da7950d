package orderpay.domain.testing;

import orderpay.domain.notification.NotificationRepository;

class InMemoryNotificationRepositoryTest extends NotificationRepositoryContract {
  @Override
  protected NotificationRepository emptyRepository() {
    return new InMemoryNotificationRepository();
  }
}
