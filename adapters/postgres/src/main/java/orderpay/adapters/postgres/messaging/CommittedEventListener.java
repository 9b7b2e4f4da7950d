package orderpay.adapters.postgres.messaging;

import orderpay.domain.shared.DomainEvent;

/**
 * Told of an event once the transaction that published it has committed, never for one rolled back:
 * what metrics count is what happened. Runs on the committing thread, so keep it cheap.
 */
@FunctionalInterface
public interface CommittedEventListener {
  void committed(DomainEvent event);
}
