package orderpay.domain.order;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Page;
import orderpay.domain.shared.PageToken;
import orderpay.domain.user.Reader;

/** Reading orders: users see their own; admins see all. Someone else's order does not exist. */
public record OrderQueries(OrderRepository orders, OrderHistory history, Clock clock) {

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

  /**
   * Orders across customers, newest first: an admin's filter is taken as it is (no customer: every
   * customer); a customer sees only their own, and another customer's orders do not exist for them.
   */
  public Page<Order> search(
      Reader reader, OrderFilter filter, int requestedSize, String pageToken) {
    if (!reader.admin() && reader.customer().isPresent()) {
      var self = reader.customer().get();
      if (filter.customer().isPresent() && !filter.customer().get().equals(self)) {
        Page.sizeOrDefault(requestedSize); // a bad request is still refused as one
        PageToken.parse(pageToken);
        return new Page<>(List.of(), Optional.empty());
      }
      filter = filter.forCustomer(self);
    }
    return page(filter, requestedSize, pageToken);
  }

  /** What happened to the order, oldest first: an operator's view, for admins only. */
  public List<OrderHistory.Line> history(OrderId orderId, Reader reader) {
    requireAdmin(reader);
    get(orderId, reader); // an unknown order is NOT_FOUND, not an empty history
    return history.of(orderId);
  }

  /**
   * Orders created, paid and failed in each of the last {@code minutes} minutes, oldest first: an
   * operator's view, for admins only.
   */
  public List<OrderThroughput.Minute> throughput(int minutes, Reader reader) {
    requireAdmin(reader);
    Instant now = clock.instant();
    return OrderThroughput.bucket(
        now,
        minutes,
        history.countPerMinute(OrderThroughput.COUNTED, OrderThroughput.windowStart(now, minutes)));
  }

  static void requireAdmin(Reader reader) {
    if (!reader.admin()) {
      throw new DomainException(
          ErrorKind.FORBIDDEN, "forbidden", "this action needs the admin role");
    }
  }

  private Page<Order> page(OrderFilter filter, int requestedSize, String pageToken) {
    int size = Page.sizeOrDefault(requestedSize);
    var before = PageToken.parse(pageToken).map(OrderId::new);
    var createdBefore = filter.minAge().map(age -> clock.instant().minus(age));
    var fetched = orders.list(filter.customer(), filter.status(), createdBefore, before, size + 1);
    boolean more = fetched.size() > size;
    var page = more ? fetched.subList(0, size) : fetched;
    return new Page<>(
        page, more ? Optional.of(PageToken.of(page.getLast().id().value())) : Optional.empty());
  }
}
