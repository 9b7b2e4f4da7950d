package orderpay.domain.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentRepository;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.ProcessedEvents;
import orderpay.domain.shared.OrderId;

/**
 * Payments and the webhook events seen, in memory, with the PostgreSQL repository's rules: one
 * payment per order, reconciliation's checks on their own backoff, events once each.
 */
public final class InMemoryPaymentRepository implements PaymentRepository, ProcessedEvents {
  private final Map<OrderId, Payment> byOrder = new HashMap<>();
  private final Map<String, Instant> nextCheck = new HashMap<>();
  private final Map<String, Integer> checks = new HashMap<>();
  private final List<String> intentsOfEvents = new ArrayList<>();
  private final List<Received> received = new ArrayList<>();

  /** Event ids seen, payments final at the provider, and the amount refunded of each payment. */
  public final Set<String> seen = new HashSet<>();

  public final Set<String> finalAtProvider = new HashSet<>();
  public final Map<String, Long> refunded = new HashMap<>();

  @Override
  public synchronized boolean addIfAbsent(Payment p) {
    return byOrder.putIfAbsent(p.orderId(), p) == null;
  }

  @Override
  public synchronized Optional<Payment> findByOrder(OrderId orderId) {
    return Optional.ofNullable(byOrder.get(orderId));
  }

  @Override
  public Optional<Payment> findByOrderForUpdate(OrderId orderId) {
    return findByOrder(orderId);
  }

  @Override
  public synchronized Optional<Payment> findById(String id) {
    return byOrder.values().stream().filter(p -> p.id().equals(id)).findFirst();
  }

  @Override
  public synchronized Optional<Payment> findByProviderIdForUpdate(String providerId) {
    return byOrder.values().stream()
        .filter(p -> providerId.equals(p.providerPaymentId()))
        .findFirst();
  }

  @Override
  public synchronized void update(Payment p) {
    byOrder.put(p.orderId(), p);
  }

  @Override
  public synchronized List<Payment> findCreatedSinceOrFor(
      Instant from, Collection<String> providerPaymentIds) {
    return byOrder.values().stream()
        .filter(
            p ->
                !p.createdAt().isBefore(from) || providerPaymentIds.contains(p.providerPaymentId()))
        .sorted(Comparator.comparing(Payment::createdAt))
        .toList();
  }

  @Override
  public synchronized List<Payment> findDueForCheck(Instant openBefore, Instant now, int limit) {
    return byOrder.values().stream()
        .filter(
            p ->
                (p.isOpenOrFailed() && p.updatedAt().isBefore(openBefore))
                    || (p.status() == PaymentStatus.CANCELLED && !finalAtProvider.contains(p.id())))
        .filter(p -> !nextCheck.getOrDefault(p.id(), Instant.MIN).isAfter(now))
        .sorted(Comparator.comparing((Payment p) -> nextCheck.getOrDefault(p.id(), p.updatedAt())))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void deferCheck(String paymentId, IntFunction<Instant> next) {
    int count = checks.merge(paymentId, 1, Integer::sum);
    nextCheck.put(paymentId, next.apply(count));
  }

  @Override
  public synchronized void recordRefunded(String paymentId, long amountRefundedMinor) {
    refunded.merge(paymentId, amountRefundedMinor, Math::max);
  }

  @Override
  public synchronized void markFinalAtProvider(String paymentId) {
    finalAtProvider.add(paymentId);
  }

  @Override
  public synchronized boolean firstTime(String eventId, String type, String providerPaymentId) {
    if (!seen.add(eventId)) {
      return false;
    }
    intentsOfEvents.add(providerPaymentId);
    received.add(new Received(eventId, type, Instant.EPOCH.plusSeconds(received.size())));
    return true;
  }

  @Override
  public synchronized List<Received> about(String providerPaymentId) {
    var about = new ArrayList<Received>();
    for (int i = 0; i < received.size(); i++) {
      if (providerPaymentId.equals(intentsOfEvents.get(i))) {
        about.add(received.get(i));
      }
    }
    return about;
  }
}
