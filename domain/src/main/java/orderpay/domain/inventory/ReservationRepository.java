package orderpay.domain.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import orderpay.domain.shared.OrderId;

public interface ReservationRepository {
  /**
   * Inserts unless a reservation for the order exists; false if one did. A concurrent insert for
   * the same order waits for the first to commit or roll back.
   */
  boolean addIfAbsent(Reservation reservation);

  Optional<Reservation> find(OrderId orderId);

  Optional<Reservation> findForUpdate(OrderId orderId);

  /** Where each of these orders' reservations stands; orders without one are left out. */
  java.util.Map<OrderId, ReservationStatus> statuses(java.util.Collection<OrderId> orderIds);

  void updateStatus(OrderId orderId, ReservationStatus status, Instant at);

  /** Holds a released or expired reservation again, until {@code expiresAt}. */
  void reopen(OrderId orderId, Instant expiresAt, Instant at);

  /** Open reservations due at {@code now}, locked, skipping rows another sweeper holds. */
  List<Reservation> lockExpired(Instant now, int limit);
}
