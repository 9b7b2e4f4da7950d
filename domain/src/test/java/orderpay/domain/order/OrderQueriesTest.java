package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * Listing orders across customers: an admin sees everyone's and filters by customer, status and
 * age; a customer sees only their own, whatever they ask for. The history is an admin's alone.
 */
class OrderQueriesTest {
  private final OrderFixture f = new OrderFixture();
  private final UserId other = new UserId(UUID.randomUUID());
  private final Reader admin = Reader.of(new UserId(UUID.randomUUID()), true);

  /** A PENDING order of {@code owner}, with a time-ordered id as the service's generator makes. */
  private Order placed(UserId owner, long sequence) {
    var order =
        Order.place(
            new OrderId(new UUID(0x0123_4567_89ab_7000L, sequence)),
            owner,
            null,
            List.of(new OrderLine(f.teapot, "Teapot", 1, Money.of(2500, "EUR"))),
            "1 Main St",
            null,
            f.clock);
    f.orders.addIfAbsent(order);
    return order;
  }

  private static List<OrderId> ids(orderpay.domain.shared.Page<Order> page) {
    return page.items().stream().map(Order::id).toList();
  }

  @Test
  void anAdminListsEveryCustomersOrdersNewestFirstAndFiltersThem() {
    var oldMine = placed(f.customer, 1);
    f.clock.advance(Duration.ofMinutes(10));
    var theirs = placed(other, 2);
    var paidMine = f.change(placed(f.customer, 3).id(), o -> o.markPaid(f.clock));

    assertThat(ids(f.queries.search(admin, OrderFilter.none(), 0, null)))
        .containsExactly(paidMine.id(), theirs.id(), oldMine.id());
    assertThat(ids(f.queries.search(admin, OrderFilter.none().forCustomer(other), 0, null)))
        .containsExactly(theirs.id());
    var pending =
        new OrderFilter(Optional.empty(), Optional.of(OrderStatus.PENDING), Optional.empty());
    assertThat(ids(f.queries.search(admin, pending, 0, null)))
        .containsExactly(theirs.id(), oldMine.id());
    var stuck =
        new OrderFilter(
            Optional.empty(), Optional.of(OrderStatus.PENDING), Optional.of(Duration.ofMinutes(5)));
    assertThat(ids(f.queries.search(admin, stuck, 0, null))).containsExactly(oldMine.id());

    var first = f.queries.search(admin, OrderFilter.none(), 2, null);
    assertThat(ids(first)).containsExactly(paidMine.id(), theirs.id());
    var second = f.queries.search(admin, OrderFilter.none(), 2, first.nextCursor().orElseThrow());
    assertThat(ids(second)).containsExactly(oldMine.id());
    assertThat(second.nextCursor()).isEmpty();
  }

  @Test
  void aCustomerSeesOnlyTheirOwnOrdersWhateverTheyAskFor() {
    var mine = placed(f.customer, 1);
    placed(other, 2);
    var customer = Reader.of(f.customer, false);

    assertThat(ids(f.queries.search(customer, OrderFilter.none(), 0, null)))
        .containsExactly(mine.id());
    assertThat(f.queries.search(customer, OrderFilter.none().forCustomer(other), 0, null).items())
        .isEmpty();
    assertThatThrownBy(() -> f.queries.search(customer, OrderFilter.none(), -1, null))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void anAgeOutsideWhatAClockCanSubtractIsTheClientsMistake() {
    assertThatThrownBy(
            () ->
                new OrderFilter(
                    Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(-1))))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    assertThatThrownBy(
            () ->
                new OrderFilter(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(OrderFilter.MAX_AGE.plusSeconds(1))))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void theHistoryIsForAdminsAndAnUnknownOrderHasNone() {
    var paid = f.paid();
    var owner = Reader.of(f.customer, false);

    assertThat(f.queries.history(paid.id(), admin))
        .extracting(OrderHistory.Line::kind)
        .containsExactly(
            HistoryKind.CREATED,
            HistoryKind.STOCK_RESERVED,
            HistoryKind.PAYMENT_STARTED,
            HistoryKind.PAYMENT_UPDATED,
            HistoryKind.PAID);
    assertThatThrownBy(() -> f.queries.history(paid.id(), owner))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
    assertThatThrownBy(() -> f.queries.history(new OrderId(UUID.randomUUID()), admin))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }
}
