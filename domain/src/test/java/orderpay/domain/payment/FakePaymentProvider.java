package orderpay.domain.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/** A fake provider: intents by key, status chosen by the payment method; every call recorded. */
final class FakePaymentProvider implements PaymentProvider {
  final Map<String, Intent> byKey = new HashMap<>();
  final List<String> calls = new ArrayList<>();
  final Map<String, Intent> byOrder = new HashMap<>();
  PaymentStatus retrieved = PaymentStatus.PENDING;
  boolean loseCreateAnswer;
  String failingIntent;

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public Intent createIntent(String key, Money amount, String paymentMethod, String orderId) {
    calls.add("create " + key);
    var intent =
        byKey.computeIfAbsent(
            key,
            k ->
                new Intent(
                    "pi_" + byKey.size(),
                    paymentMethod == null
                        ? PaymentStatus.PENDING
                        : paymentMethod.contains("threeDSecure")
                            ? PaymentStatus.REQUIRES_ACTION
                            : PaymentStatus.SUCCEEDED,
                    "secret",
                    null));
    byOrder.put(orderId, intent);
    if (loseCreateAnswer) {
      throw new DomainException(ErrorKind.UNAVAILABLE, "unavailable", "connection cut");
    }
    return intent;
  }

  @Override
  public Intent retrieve(String id) {
    calls.add("retrieve " + id);
    if (id.equals(failingIntent)) {
      throw new DomainException(ErrorKind.UNAVAILABLE, "unavailable", "provider down");
    }
    return new Intent(id, retrieved, null, null);
  }

  @Override
  public Optional<Intent> findByOrder(String orderId) {
    calls.add("search " + orderId);
    return Optional.ofNullable(byOrder.get(orderId));
  }

  final List<ListedIntent> listed = new ArrayList<>();

  @Override
  public List<ListedIntent> listCreatedSince(Instant from) {
    calls.add("list since " + from);
    return listed.stream().filter(i -> !i.createdAt().isBefore(from)).toList();
  }

  @Override
  public boolean paymentMethodExists(String paymentMethod) {
    calls.add("method " + paymentMethod);
    return paymentMethod.startsWith("pm_card_");
  }

  @Override
  public Intent cancel(String id, String key) {
    calls.add("cancel " + id);
    if (retrieved == PaymentStatus.SUCCEEDED) {
      return new Intent(id, PaymentStatus.SUCCEEDED, null, null); // too late: it was paid
    }
    return new Intent(id, PaymentStatus.CANCELLED, null, null);
  }

  @Override
  public Intent refund(String id, String key) {
    calls.add("refund " + id);
    return new Intent(id, PaymentStatus.REFUNDED, null, null);
  }

  boolean offersTestAuthentication = true;

  @Override
  public Optional<Intent> completeTestAuthentication(String id) {
    calls.add("authenticate " + id);
    return offersTestAuthentication
        ? Optional.of(new Intent(id, PaymentStatus.SUCCEEDED, null, null))
        : Optional.empty();
  }
}
