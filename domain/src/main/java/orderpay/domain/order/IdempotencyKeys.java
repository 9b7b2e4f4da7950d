package orderpay.domain.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import orderpay.domain.order.PlaceOrder.Command;
import orderpay.domain.order.PlaceOrder.Item;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/**
 * What an order request's Idempotency-Key means: the same key with the same request is answered
 * with the order the first one made, once that order is decided; with another request it is refused
 * (Stripe's rule).
 */
record IdempotencyKeys(OrderRepository orders) {
  private static final long UNDECIDED_POLL_MILLIS = 20;
  private static final long UNDECIDED_WAIT_MILLIS = 10_000;

  /** What identifies the request behind a key: a digest of its items, address, currency, method. */
  static String fingerprint(Command command) {
    var canonical = new StringBuilder();
    for (Item item : command.items() == null ? List.<Item>of() : command.items()) {
      canonical.append(item.productId()).append('x').append(item.quantity()).append(';');
    }
    canonical
        .append('\n')
        .append(command.shippingAddress() == null ? "" : command.shippingAddress().strip())
        .append('\n')
        .append(command.currency())
        .append('\n')
        .append(PlaceOrder.blankToNull(command.paymentMethod()));
    try {
      var digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * The order an earlier request with the command's key made, if that request was the same one;
   * refused if it was another. Empty without a key or without a decided order for it: then this
   * request places the order itself.
   */
  Optional<Order> earlierAnswer(Command command, String fingerprint) {
    if (command.idempotencyKey() == null) {
      return Optional.empty();
    }
    return decidedOrderFor(command).map(earlier -> sameRequestOrRefuse(earlier, fingerprint));
  }

  /** Inside the user's order-creation lock: whether a request with the key recorded one first. */
  boolean takenMeanwhile(Command command) {
    return command.idempotencyKey() != null
        && orders.findByIdempotencyKey(command.userId(), command.idempotencyKey()).isPresent();
  }

  /**
   * The order an earlier request with this key made, once that request has decided: an order still
   * at step NEW may yet be discarded for lack of stock, so answering with it could hand out a 2xx
   * for an order that never exists. Empty if there is none (or it was discarded): then this request
   * places the order itself.
   */
  private Optional<OrderRepository.KeyedOrder> decidedOrderFor(Command command) {
    long waitedMillis = 0;
    while (true) {
      var earlier = orders.findByIdempotencyKey(command.userId(), command.idempotencyKey());
      if (earlier.isEmpty()
          || earlier.get().order().step() != SagaStep.NEW
          || earlier.get().order().status() != OrderStatus.PENDING
          || waitedMillis >= UNDECIDED_WAIT_MILLIS) {
        return earlier; // past the wait, a NEW order is a crashed saga: recovery finishes it
      }
      try {
        Thread.sleep(UNDECIDED_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return earlier;
      }
      waitedMillis += UNDECIDED_POLL_MILLIS;
    }
  }

  private static Order sameRequestOrRefuse(OrderRepository.KeyedOrder earlier, String fingerprint) {
    if (earlier.requestFingerprint() != null && !earlier.requestFingerprint().equals(fingerprint)) {
      throw new DomainException(
          ErrorKind.INVALID_ARGUMENT,
          "idempotency_key_reused",
          "this Idempotency-Key was used for a different request",
          Map.of("order_id", earlier.order().id().toString()));
    }
    return earlier.order();
  }
}
