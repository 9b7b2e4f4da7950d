package orderpay.domain.order;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Page;
import orderpay.domain.shared.PageToken;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;

/** Reading orders: users see their own; admins see all. Someone else's order does not exist. */
public final class OrderQueries {
  private final OrderRepository orders;

  public OrderQueries(OrderRepository orders) {
    this.orders = orders;
  }

  public Order get(OrderId orderId, Reader reader) {
    return orders
        .find(orderId)
        .filter(order -> reader.mayRead(order.userId()))
        .orElseThrow(() -> DomainException.notFound("order", orderId.toString()));
  }

  /**
   * For the reconciliation report (admins only: the service checks the caller's token): the orders
   * with these ids, and every order created at or after {@code from}.
   */
  public List<OrderSummary> summaries(Collection<OrderId> ids, Instant from) {
    return orders.summaries(ids, from);
  }

  public Page<Order> list(
      UserId userId, Optional<OrderStatus> status, int requestedSize, String pageToken) {
    int size = Page.sizeOrDefault(requestedSize);
    var before = PageToken.parse(pageToken).map(OrderId::new);
    var fetched = orders.listByUser(userId, status, before, size + 1);
    boolean more = fetched.size() > size;
    var page = more ? fetched.subList(0, size) : fetched;
    return new Page<>(
        page, more ? Optional.of(PageToken.of(page.getLast().id().value())) : Optional.empty());
  }
}
