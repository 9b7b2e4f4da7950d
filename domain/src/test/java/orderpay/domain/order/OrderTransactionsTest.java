package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import orderpay.domain.inventory.Reservation;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.ReservationStatus;
import orderpay.domain.inventory.StockReservations;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.Reader;
import org.junit.jupiter.api.Test;

/**
 * How many order-database transactions each path of an order opens. Each one counts against
 * throughput (docs/performance.md), so writing the unit of work once ({@link OrderChanges}) must
 * not add any: these numbers are the ones the use cases had before it.
 */
class OrderTransactionsTest {
  private final OrderFixture f = new OrderFixture();
  private final PlaceOrder place =
      f.placeOrder(
          new StockReservations() {
            @Override
            public Reservation reserve(OrderId orderId, List<ReservationLine> lines) {
              return new Reservation(
                  orderId, lines, ReservationStatus.RESERVED, f.clock.instant().plusSeconds(900));
            }

            @Override
            public void release(OrderId orderId) {}
          },
          new PaymentWindow(Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofSeconds(5)));

  private Order placed() {
    return place.place(
        new PlaceOrder.Command(
            f.customer,
            null,
            List.of(new PlaceOrder.Item(f.teapot.toString(), 1)),
            "1 Main St",
            "EUR",
            "pm_card_visa"));
  }

  @Test
  void anOrderPaidAtOnceTakesThreeRecordReserveAndAcceptWithItsPayment() {
    f.payments.initiateAs(PaymentStatus.SUCCEEDED);

    var order = placed();

    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.transactions.opened).isEqualTo(3);
    assertThat(f.events.published)
        .hasExactlyElementsOfTypes(OrderEvent.Placed.class, OrderEvent.Paid.class);
  }

  @Test
  void anOrderAwaitingItsPaymentTakesThreeThenOneForItsOutcome() {
    var order = placed();
    assertThat(f.transactions.opened).isEqualTo(3);

    f.settle.apply(order.id(), f.paymentBecomes(order.id(), PaymentStatus.SUCCEEDED));
    f.settle.apply(order.id(), f.paymentBecomes(order.id(), PaymentStatus.SUCCEEDED)); // again

    assertThat(f.transactions.opened).isEqualTo(5);
    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void cancellingRefundingExpiringAndTheOutOfStockRefundTakeOneEach() {
    var pending = f.accepted();
    f.cancelOrder.cancel(pending.id(), Reader.of(f.customer, false));
    assertThat(f.transactions.opened).isEqualTo(1);

    var paid = f.paid();
    f.cancelOrder.cancel(paid.id(), Reader.of(f.customer, false));
    assertThat(f.transactions.opened).isEqualTo(2);

    var unpaid = f.accepted();
    f.expiry.expire(unpaid.id());
    assertThat(f.transactions.opened).isEqualTo(3);

    var sold = f.paid();
    f.settle.stockUnavailable(sold.id());
    assertThat(f.transactions.opened).isEqualTo(4);
    f.runFollowUps.runDue(10); // REFUND_ORDER
    assertThat(f.transactions.opened).isEqualTo(5);
    assertThat(f.current(sold.id()).status()).isEqualTo(OrderStatus.REFUNDED);
  }
}
