package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.OrderId;
import org.junit.jupiter.api.Test;

/** The order's unit of work: lock, apply, store only a change, publish what the order recorded. */
class OrderChangesTest {
  private final OrderFixture f = new OrderFixture();
  private final CountingRepository counted = new CountingRepository(f.orders);
  private final OrderChanges changes =
      new OrderChanges(counted.repository, f.transactions, f.events);

  @Test
  void aChangeIsLockedStoredWithItsHistoryAndItsEventsPublishedInOneTransaction() {
    var order = f.accepted();
    var succeeded = f.paymentBecomes(order.id(), PaymentStatus.SUCCEEDED);

    var paid =
        changes.change(
            order.id(),
            o -> {
              o.showPayment(succeeded.view(), f.clock);
              o.markPaid(f.clock);
            });

    assertThat(f.transactions.opened).isEqualTo(1);
    assertThat(counted.calls).containsExactly("findForUpdate", "update");
    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Paid.class);
    assertThat(paid.drainEvents()).as("drained: never published twice").isEmpty();
    assertThat(f.history.kinds(order.id())).endsWith(HistoryKind.PAYMENT_UPDATED, HistoryKind.PAID);
  }

  @Test
  void whatChangesNothingIsNeitherStoredNorAnnounced() {
    var order = f.paid();
    var historyBefore = f.history.of(order.id());

    var same = changes.change(order.id(), o -> o.stockReserved(f.clock)); // long past NEW

    assertThat(same.status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.transactions.opened).isEqualTo(1);
    assertThat(counted.calls).containsExactly("findForUpdate");
    assertThat(f.events.published).isEmpty();
    assertThat(f.history.of(order.id())).isEqualTo(historyBefore);
  }

  @Test
  void anOrderThisServiceDoesNotKnowIsLeftAloneWhenItMayBeMissing() {
    var unknown = new OrderId(UUID.randomUUID());
    var applied = new ArrayList<Order>();

    assertThat(changes.changeIfPresent(unknown, applied::add)).isEmpty();
    assertThat(applied).isEmpty();
    assertThat(counted.calls).containsExactly("findForUpdate");
    assertThatThrownBy(() -> changes.change(unknown, applied::add))
        .isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void aChangeThatFailsStoresAndPublishesNothing() {
    var order = f.recorded();

    assertThatThrownBy(
            () ->
                changes.change(
                    order.id(),
                    o -> {
                      o.cancel(f.clock);
                      o.markPaid(f.clock); // CANCELLED -> PAID is refused
                    }))
        .hasMessageContaining("cannot become PAID");

    assertThat(counted.calls).containsExactly("findForUpdate");
    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(f.events.published).isEmpty();
    assertThat(f.history.kinds(order.id())).containsExactly(HistoryKind.CREATED);
  }

  /** The fake repository, also telling which of its methods were called, in order. */
  private static final class CountingRepository {
    final List<String> calls = new ArrayList<>();
    final OrderRepository repository;

    CountingRepository(OrderRepository delegate) {
      this.repository =
          (OrderRepository)
              Proxy.newProxyInstance(
                  OrderRepository.class.getClassLoader(),
                  new Class<?>[] {OrderRepository.class},
                  (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                      return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
    }
  }
}
