package orderpay.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.HistoryKind;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.OrderHistory.Line;
import orderpay.domain.order.OrderHistory.MinuteCount;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OrderHistory} must do; run against the fake and PostgreSQL. */
public abstract class OrderHistoryContract extends OrderStoresContract {
  private final OrderId order = new OrderId(UUID.randomUUID());
  private OrderHistory history;
  private Transactions transactions;

  @BeforeEach
  void setUp() {
    history = stores.history();
    transactions = stores.transactions();
  }

  private void record(OrderId id, HistoryKind kind, String detail) {
    history.record(id, new HistoryEntry(kind, detail));
  }

  @Test
  void entriesAreReadBackOldestFirstEachWithItsTimeAndOnlyForTheirOrder() {
    var other = new OrderId(UUID.randomUUID());
    record(order, HistoryKind.CREATED, "1 line(s)");
    clock.advance(Duration.ofSeconds(5));
    record(other, HistoryKind.CREATED, "");
    record(order, HistoryKind.PAID, "");
    clock.advance(Duration.ofSeconds(-10)); // another replica's clock, a little behind
    record(order, HistoryKind.EVENT_CONSUMED, "late");

    var lines = history.of(order);
    assertThat(lines)
        .extracting(Line::kind, Line::detail, Line::at)
        .containsExactly(
            tuple(HistoryKind.EVENT_CONSUMED, "late", Instant.parse("2026-03-01T11:59:55Z")),
            tuple(HistoryKind.CREATED, "1 line(s)", Instant.parse("2026-03-01T12:00:00Z")),
            tuple(HistoryKind.PAID, "", Instant.parse("2026-03-01T12:00:05Z")));
    assertThat(lines.get(2).sequence()).isGreaterThan(lines.get(1).sequence());
    assertThat(history.of(other)).extracting(Line::kind).containsExactly(HistoryKind.CREATED);
    assertThat(history.of(new OrderId(UUID.randomUUID()))).isEmpty();
  }

  @Test
  void theTimeIsKeptToTheMicrosecondAsTheDatabaseStoresIt() {
    clock.advance(Duration.ofNanos(1_234_567));
    record(order, HistoryKind.CREATED, "");
    assertThat(history.of(order).getFirst().at())
        .isEqualTo(Instant.parse("2026-03-01T12:00:00.001234Z"));
  }

  @Test
  void aTransactionsEntriesAreKeptOnlyIfItCommits() {
    transactions.run(
        () -> {
          record(order, HistoryKind.CREATED, "");
          record(order, HistoryKind.STOCK_RESERVED, "");
        });
    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      record(order, HistoryKind.FAILED, "card_declined");
                      throw new IllegalStateException("rolled back");
                    }))
        .hasMessage("rolled back");

    assertThat(history.of(order))
        .extracting(Line::kind)
        .containsExactly(HistoryKind.CREATED, HistoryKind.STOCK_RESERVED);
  }

  @Test
  void entriesOfTheKindsAskedForAreCountedPerWholeMinuteFromAnInstantOn() {
    var other = new OrderId(UUID.randomUUID());
    record(order, HistoryKind.CREATED, ""); // 12:00:00, before the window
    clock.advance(Duration.ofSeconds(119)); // 12:01:59
    record(order, HistoryKind.PAID, "");
    record(other, HistoryKind.CREATED, "");
    record(other, HistoryKind.STOCK_RESERVED, ""); // a kind not asked for
    clock.advance(Duration.ofSeconds(2)); // 12:02:01
    record(other, HistoryKind.CREATED, "");
    record(other, HistoryKind.FAILED, "payment_failed");

    var counts =
        history.countPerMinute(
            Set.of(HistoryKind.CREATED, HistoryKind.PAID, HistoryKind.FAILED),
            Instant.parse("2026-03-01T12:00:01Z"));

    var twelveOhOne = Instant.parse("2026-03-01T12:01:00Z");
    var twelveOhTwo = Instant.parse("2026-03-01T12:02:00Z");
    assertThat(counts)
        .containsExactlyInAnyOrder(
            new MinuteCount(twelveOhOne, HistoryKind.PAID, 1),
            new MinuteCount(twelveOhOne, HistoryKind.CREATED, 1),
            new MinuteCount(twelveOhTwo, HistoryKind.CREATED, 1),
            new MinuteCount(twelveOhTwo, HistoryKind.FAILED, 1));
    assertThat(history.countPerMinute(Set.of(HistoryKind.REFUNDED), Instant.EPOCH)).isEmpty();
  }
}
