package orderpay.domain.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import orderpay.domain.inventory.Reservation;
import orderpay.domain.inventory.ReservationRepository;
import orderpay.domain.inventory.ReservationStatus;
import orderpay.domain.shared.OrderId;

public final class InMemoryReservationRepository
    implements ReservationRepository, InMemoryTransactions.Snapshottable {
  private Map<OrderId, Reservation> reservations = new HashMap<>();

  @Override
  public synchronized boolean addIfAbsent(Reservation reservation) {
    return reservations.putIfAbsent(reservation.orderId(), reservation) == null;
  }

  @Override
  public synchronized Optional<Reservation> find(OrderId orderId) {
    return Optional.ofNullable(reservations.get(orderId));
  }

  @Override
  public Optional<Reservation> findForUpdate(OrderId orderId) {
    return find(orderId);
  }

  @Override
  public synchronized Map<OrderId, ReservationStatus> statuses(
      java.util.Collection<OrderId> orderIds) {
    var found = new HashMap<OrderId, ReservationStatus>();
    orderIds.forEach(
        id -> {
          var reservation = reservations.get(id);
          if (reservation != null) {
            found.put(id, reservation.status());
          }
        });
    return found;
  }

  @Override
  public synchronized void updateStatus(OrderId orderId, ReservationStatus status, Instant at) {
    reservations.computeIfPresent(orderId, (id, r) -> r.withStatus(status));
  }

  @Override
  public synchronized void reopen(OrderId orderId, Instant expiresAt, Instant at) {
    reservations.computeIfPresent(orderId, (id, r) -> r.reopened(expiresAt));
  }

  @Override
  public synchronized List<Reservation> lockExpired(Instant now, int limit) {
    return reservations.values().stream()
        .filter(r -> r.isExpired(now))
        .sorted(Comparator.comparing(Reservation::expiresAt))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Object snapshot() {
    return new HashMap<>(reservations);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void restore(Object snapshot) {
    reservations = new HashMap<>((Map<OrderId, Reservation>) snapshot);
  }
}
