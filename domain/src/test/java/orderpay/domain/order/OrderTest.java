package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderTest {
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T10:00:00Z");
  private final ProductId book = new ProductId(UUID.randomUUID());
  private final ProductId pen = new ProductId(UUID.randomUUID());

  private Order pendingOrder() {
    return Order.place(
        new OrderId(UUID.randomUUID()),
        new UserId(UUID.randomUUID()),
        "key-1",
        List.of(
            new OrderLine(book, "Book", 2, Money.of(1250, "EUR")),
            new OrderLine(pen, "Pen", 1, Money.of(199, "EUR"))),
        "1 Main St",
        null,
        clock);
  }

  @Test
  void placingTotalsTheLinesAndAnnouncesOnlyOnAcceptance() {
    Order order = pendingOrder();
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.step()).isEqualTo(SagaStep.NEW);
    assertThat(order.total()).isEqualTo(Money.of(2699, "EUR"));
    assertThat(order.drainEvents()).isEmpty();
    order.stockReserved(clock);
    var payment = new OrderPayment("pay-1", "PENDING", "stripe", "pi_1", "secret");
    order.accept(payment, clock);
    order.accept(payment, clock);
    assertThat(order.step()).isEqualTo(SagaStep.ACCEPTED);
    assertThat(order.drainEvents()).singleElement().isInstanceOf(OrderEvent.Placed.class);
  }

  @Test
  void paidThenRefundedRecordsEachTransition() {
    Order order = pendingOrder();
    order.drainEvents();
    order.markPaid(clock);
    order.refund(clock);
    assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(order.drainEvents())
        .hasExactlyElementsOfTypes(OrderEvent.Paid.class, OrderEvent.Refunded.class);
  }

  @Test
  void failureKeepsTheReason() {
    Order order = pendingOrder();
    order.markFailed("card_declined", clock);
    assertThat(order.failureReason()).isEqualTo("card_declined");
  }

  @Test
  void refusesIllegalMovesWithInvalidState() {
    Order order = pendingOrder();
    order.markPaid(clock);
    assertThatThrownBy(() -> order.markFailed("late", clock))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_STATE));
    assertThatThrownBy(() -> order.cancel(clock)).isInstanceOf(DomainException.class);
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"FAILED", "CANCELLED", "REFUNDED"})
  void terminalStatusesGoNowhere(OrderStatus terminal) {
    for (OrderStatus next : OrderStatus.values()) {
      assertThat(terminal.canMoveTo(next)).isFalse();
    }
    assertThat(terminal.isTerminal()).isTrue();
  }

  @Test
  void refusesEmptyDuplicateOrUnaddressedOrders() {
    var id = new OrderId(UUID.randomUUID());
    var user = new UserId(UUID.randomUUID());
    var line = new OrderLine(book, "Book", 1, Money.of(100, "EUR"));
    assertThatThrownBy(() -> Order.place(id, user, null, List.of(), "x", null, clock))
        .isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> Order.place(id, user, null, List.of(line, line), "x", null, clock))
        .hasMessageContaining("once");
    assertThatThrownBy(() -> Order.place(id, user, null, List.of(line), "  ", null, clock))
        .hasMessageContaining("shipping_address");
    assertThatThrownBy(
            () -> Order.place(id, user, "k".repeat(256), List.of(line), "x", null, clock))
        .hasMessageContaining("Idempotency-Key");
  }

  @Test
  void refusesNonPositiveQuantitiesAndPrices() {
    assertThatThrownBy(() -> new OrderLine(book, "Book", 0, Money.of(100, "EUR")))
        .isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> new OrderLine(book, "Book", 1, Money.of(0, "EUR")))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void refusesMixedCurrencyLines() {
    assertThatThrownBy(
            () ->
                Order.place(
                    new OrderId(UUID.randomUUID()),
                    new UserId(UUID.randomUUID()),
                    null,
                    List.of(
                        new OrderLine(book, "Book", 1, Money.of(100, "EUR")),
                        new OrderLine(pen, "Pen", 1, Money.of(100, "USD"))),
                    "1 Main St",
                    null,
                    clock))
        .isInstanceOf(DomainException.class);
  }
}
