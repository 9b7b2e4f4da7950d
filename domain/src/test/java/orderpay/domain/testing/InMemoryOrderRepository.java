package orderpay.domain.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderLimits;
import orderpay.domain.order.OrderLine;
import orderpay.domain.order.OrderRepository;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.order.SagaStep;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * Orders in memory, with the same sweep, limit and history rules as the PostgreSQL repository: what
 * an order noted goes to {@link #history} when it is stored.
 */
public final class InMemoryOrderRepository implements OrderRepository {
  public final InMemoryOrderHistory history;
  public final Map<OrderId, Order.Snapshot> rows = new HashMap<>();
  public final Map<OrderId, String> fingerprints = new HashMap<>();
  public final Map<OrderId, Instant> sweepAfter = new HashMap<>();
  public final Map<OrderId, Integer> sweepFailures = new HashMap<>();

  public InMemoryOrderRepository(InMemoryOrderHistory history) {
    this.history = history;
  }

  public InMemoryOrderRepository() {
    this(new InMemoryOrderHistory(java.time.Clock.systemUTC()));
  }

  @Override
  public synchronized boolean addIfAbsent(Order order, String requestFingerprint) {
    if (order.idempotencyKey().isPresent()
        && findByIdempotencyKey(order.userId(), order.idempotencyKey().get()).isPresent()) {
      return false;
    }
    if (rows.putIfAbsent(order.id(), order.snapshot()) != null) {
      return false;
    }
    fingerprints.put(order.id(), requestFingerprint);
    history.recordAll(order.id(), order.drainHistory());
    return true;
  }

  /** For tests that simulate a crash right after the order was recorded. */
  public boolean addIfAbsent(Order order) {
    return addIfAbsent(order, null);
  }

  /** Told what each look-up by idempotency key found: a test can act once a request has looked. */
  public volatile Consumer<Optional<KeyedOrder>> afterKeyLookup = found -> {};

  @Override
  public synchronized Optional<KeyedOrder> findByIdempotencyKey(UserId userId, String key) {
    var found =
        rows.values().stream()
            .filter(s -> s.userId().equals(userId) && key.equals(s.idempotencyKey()))
            .findFirst()
            .map(s -> new KeyedOrder(Order.restore(s), fingerprints.get(s.id())));
    afterKeyLookup.accept(found);
    return found;
  }

  @Override
  public void lockOrdersOf(UserId userId) {}

  @Override
  public synchronized OrderLimits.OpenOrders openOrdersOf(UserId userId) {
    var open =
        rows.values().stream()
            .filter(s -> s.userId().equals(userId) && s.status() == OrderStatus.PENDING)
            .toList();
    return new OrderLimits.OpenOrders(
        open.size(),
        open.stream().flatMap(s -> s.lines().stream()).mapToLong(OrderLine::quantity).sum());
  }

  @Override
  public synchronized void discardUnstarted(OrderId id) {
    var row = rows.get(id);
    if (row != null && row.status() == OrderStatus.PENDING && row.step() == SagaStep.NEW) {
      rows.remove(id);
      fingerprints.remove(id);
      history.forget(id);
    }
  }

  @Override
  public synchronized Optional<Order> find(OrderId id) {
    return Optional.ofNullable(rows.get(id)).map(Order::restore);
  }

  @Override
  public Optional<Order> findForUpdate(OrderId id) {
    return find(id);
  }

  @Override
  public synchronized List<orderpay.domain.order.OrderSummary> summaries(
      java.util.Collection<OrderId> ids, Instant from) {
    return rows.values().stream()
        .filter(s -> ids.contains(s.id()) || !s.createdAt().isBefore(from))
        .map(Order::restore)
        .map(
            o ->
                new orderpay.domain.order.OrderSummary(
                    o.id(), o.status(), o.total(), o.createdAt()))
        .toList();
  }

  @Override
  public synchronized void update(Order order) {
    rows.put(order.id(), order.snapshot());
    history.recordAll(order.id(), order.drainHistory());
  }

  @Override
  public synchronized List<Order> list(
      Optional<UserId> userId,
      Optional<OrderStatus> status,
      Optional<Instant> createdBefore,
      Optional<OrderId> before,
      int limit) {
    return rows.values().stream()
        .filter(s -> userId.isEmpty() || s.userId().equals(userId.get()))
        .filter(s -> status.isEmpty() || s.status() == status.get())
        .filter(s -> createdBefore.isEmpty() || s.createdAt().isBefore(createdBefore.get()))
        .filter(
            s ->
                before.isEmpty()
                    || PostgresOrder.UUIDS.compare(s.id().value(), before.get().value()) < 0)
        .sorted(
            Comparator.comparing((Order.Snapshot s) -> s.id().value(), PostgresOrder.UUIDS)
                .reversed())
        .limit(limit)
        .map(Order::restore)
        .toList();
  }

  @Override
  public synchronized List<Order> findStuck(Instant before, Instant now, int limit) {
    return pending(
        s -> s.step() != SagaStep.ACCEPTED && s.updatedAt().isBefore(before), now, limit);
  }

  @Override
  public synchronized List<Order> findUnpaidSince(Instant before, Instant now, int limit) {
    return pending(s -> s.createdAt().isBefore(before), now, limit);
  }

  private List<Order> pending(
      java.util.function.Predicate<Order.Snapshot> condition, Instant now, int limit) {
    return rows.values().stream()
        .filter(s -> s.status() == OrderStatus.PENDING && condition.test(s))
        .filter(s -> !sweepAfter.getOrDefault(s.id(), Instant.MIN).isAfter(now))
        .sorted(Comparator.comparing(Order.Snapshot::createdAt))
        .limit(limit)
        .map(Order::restore)
        .toList();
  }

  @Override
  public synchronized void deferSweep(OrderId id, String why, IntFunction<Instant> nextAttempt) {
    int failures = sweepFailures.merge(id, 1, Integer::sum);
    sweepAfter.put(id, nextAttempt.apply(failures));
    history.record(id, HistoryEntry.sweepDeferred(why, sweepAfter.get(id)));
  }
}
