package orderpay.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.ReservationExpired;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.ReservationStatus;
import orderpay.domain.inventory.StockItem;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inventory rules, run against the in-memory fakes and against PostgreSQL: whatever stores the
 * stock, these must hold.
 */
public abstract class InventoryContract {
  protected static final Duration TTL = Duration.ofMinutes(15);
  protected final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
  protected final RecordingEvents events = new RecordingEvents();
  protected InventoryUseCases inventory;

  /**
   * Builds the inventory's use cases under test over fresh stores, with this clock and event
   * recorder.
   */
  protected abstract InventoryUseCases newInventory(
      MutableClock clock, RecordingEvents events, Duration ttl);

  @BeforeEach
  void setUp() {
    inventory = newInventory(clock, events, TTL);
  }

  protected ProductId stocked(long units) {
    var id = new ProductId(UUID.randomUUID());
    inventory.trackProducts().track(id, units);
    return id;
  }

  private static OrderId order() {
    return new OrderId(UUID.randomUUID());
  }

  @Test
  void reservingHoldsUnitsAndNeverDrivesAvailableBelowZero() {
    var book = stocked(5);
    inventory.reserveStock().reserve(order(), List.of(new ReservationLine(book, 3)));
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 5, 3));
    assertThatThrownBy(
            () -> inventory.reserveStock().reserve(order(), List.of(new ReservationLine(book, 3))))
        .isInstanceOfSatisfying(
            InsufficientStock.class,
            e ->
                assertThat(e.shortages())
                    .containsExactly(new InsufficientStock.Shortage(book, 3, 2)));
    assertThat(inventory.queries().get(book).available()).isEqualTo(2);
  }

  @Test
  void aMultiLineReservationIsAllOrNothingAndNamesEveryShortLine() {
    var plenty = stocked(100);
    var scarce = stocked(1);
    var rare = stocked(0);
    var id = order();
    assertThatThrownBy(
            () ->
                inventory
                    .reserveStock()
                    .reserve(
                        id,
                        List.of(
                            new ReservationLine(plenty, 10),
                            new ReservationLine(scarce, 2),
                            new ReservationLine(rare, 1))))
        .isInstanceOfSatisfying(
            InsufficientStock.class,
            e ->
                assertThat(e.shortages())
                    .extracting(InsufficientStock.Shortage::productId)
                    .containsExactlyInAnyOrder(scarce, rare));
    assertThat(inventory.queries().get(plenty).reserved()).isZero();
    // nothing of the refused attempt remains: the same order can try again with less
    assertThat(
            inventory.reserveStock().reserve(id, List.of(new ReservationLine(plenty, 10))).status())
        .isEqualTo(ReservationStatus.RESERVED);
  }

  @Test
  void reservingTwiceForOneOrderReservesOnce() {
    var book = stocked(10);
    var id = order();
    var first = inventory.reserveStock().reserve(id, List.of(new ReservationLine(book, 4)));
    var again = inventory.reserveStock().reserve(id, List.of(new ReservationLine(book, 4)));
    assertThat(again.orderId()).isEqualTo(first.orderId());
    assertThat(inventory.queries().get(book).reserved()).isEqualTo(4);
  }

  @Test
  void theSameOrderWithOtherLinesIsAConflict() {
    var book = stocked(10);
    var id = order();
    inventory.reserveStock().reserve(id, List.of(new ReservationLine(book, 4)));
    assertThatThrownBy(
            () -> inventory.reserveStock().reserve(id, List.of(new ReservationLine(book, 5))))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    assertThat(inventory.queries().get(book).reserved()).isEqualTo(4);
  }

  @Test
  void commitTurnsReservedUnitsIntoSoldOnesOnce() {
    var book = stocked(10);
    var id = order();
    inventory.reserveStock().reserve(id, List.of(new ReservationLine(book, 4)));
    inventory.commitStock().commit(id);
    inventory.commitStock().commit(id);
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 6, 0));
    assertThatThrownBy(() -> inventory.releaseStock().release(id))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_STATE));
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 6, 0));
  }

  @Test
  void reservationStatusesAreReadForManyOrdersAtOnce() {
    var book = stocked(10);
    var held = order();
    var sold = order();
    var released = order();
    inventory.reserveStock().reserve(held, List.of(new ReservationLine(book, 1)));
    inventory.reserveStock().reserve(sold, List.of(new ReservationLine(book, 1)));
    inventory.commitStock().commit(sold);
    inventory.reserveStock().reserve(released, List.of(new ReservationLine(book, 1)));
    inventory.releaseStock().release(released);
    var never = order();

    assertThat(inventory.queries().reservationStatuses(List.of(held, sold, released, never)))
        .containsOnly(
            java.util.Map.entry(held, ReservationStatus.RESERVED),
            java.util.Map.entry(sold, ReservationStatus.COMMITTED),
            java.util.Map.entry(released, ReservationStatus.RELEASED));
    assertThat(inventory.queries().reservationStatuses(List.of())).isEmpty();
  }

  @Test
  void aRefundPutsSoldUnitsBackOnceAndReleasesAnUncommittedHold() {
    var book = stocked(10);
    var sold = order();
    inventory.reserveStock().reserve(sold, List.of(new ReservationLine(book, 4)));
    inventory.commitStock().commit(sold);
    inventory.returnStock().returnStock(sold);
    inventory.returnStock().returnStock(sold);
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 10, 0));
    var held = order();
    inventory.reserveStock().reserve(held, List.of(new ReservationLine(book, 2)));
    // released, and marked as belonging to a refunded order so a late "paid" cannot retake it
    assertThat(inventory.returnStock().returnStock(held).status())
        .isEqualTo(ReservationStatus.RETURNED);
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 10, 0));
  }

  @Test
  void releaseGivesUnitsBackOnce() {
    var book = stocked(10);
    var id = order();
    inventory.reserveStock().reserve(id, List.of(new ReservationLine(book, 4)));
    inventory.releaseStock().release(id);
    inventory.releaseStock().release(id);
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 10, 0));
  }

  @Test
  void anExpiredReservationIsReleasedExactlyOnceAndALatePaymentTakesTheUnitsAgain() {
    var book = stocked(10);
    var id = order();
    inventory.reserveStock().reserve(id, List.of(new ReservationLine(book, 4)));
    clock.advance(TTL.minusSeconds(1));
    inventory.expireReservations().expireDue(100);
    assertThat(expiriesOf(id)).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(inventory.expireReservations().expireDue(100)).isPositive();
    inventory.expireReservations().expireDue(100);
    assertThat(expiriesOf(id)).isEqualTo(1);
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 10, 0));
    inventory.releaseStock().release(id); // a release after expiry is a no-op, not an error
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 10, 0));
    // the order was paid after all (a lagging consumer): its units leave the shelf, once
    assertThat(inventory.commitStock().commit(id).status()).isEqualTo(ReservationStatus.COMMITTED);
    inventory.commitStock().commit(id);
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 6, 0));
  }

  @Test
  void aPaidOrderWhoseExpiredUnitsWereSoldMeanwhileIsAnnouncedNotSilentlyDropped() {
    var book = stocked(4);
    var late = order();
    inventory.reserveStock().reserve(late, List.of(new ReservationLine(book, 3)));
    clock.advance(TTL);
    inventory.expireReservations().expireDue(100);
    inventory
        .reserveStock()
        .reserve(order(), List.of(new ReservationLine(book, 2))); // someone else buys
    inventory.settleReservation().settle(late, orderpay.domain.shared.OrderOutcome.PAID);
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 4, 2));
    assertThat(
            events.published.stream()
                .filter(
                    e ->
                        e instanceof orderpay.domain.inventory.CommitRefused refused
                            && refused.orderId().equals(late))
                .toList())
        .singleElement()
        .satisfies(
            e ->
                assertThat(((orderpay.domain.inventory.CommitRefused) e).shortages())
                    .containsExactly(new InsufficientStock.Shortage(book, 3, 2)));
  }

  @Test
  void aRetriedReserveThatFindsADeadHoldHoldsTheUnitsAnewOrFails() {
    var book = stocked(5);
    var id = order();
    var lines = List.of(new ReservationLine(book, 3));
    inventory.reserveStock().reserve(id, lines);
    clock.advance(TTL);
    inventory.expireReservations().expireDue(100);
    var again = inventory.reserveStock().reserve(id, lines);
    assertThat(again.status()).isEqualTo(ReservationStatus.RESERVED);
    assertThat(again.expiresAt()).isAfter(clock.instant());
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 5, 3));
    inventory.releaseStock().release(id);
    inventory.reserveStock().reserve(order(), List.of(new ReservationLine(book, 4)));
    assertThatThrownBy(() -> inventory.reserveStock().reserve(id, lines))
        .isInstanceOf(InsufficientStock.class);
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 5, 4));
  }

  @Test
  void aRefundSeenBeforeItsPaymentKeepsALatePaidFromTakingTheUnits() {
    var book = stocked(5);
    var id = order();
    inventory.reserveStock().reserve(id, List.of(new ReservationLine(book, 2)));
    inventory
        .settleReservation()
        .settle(id, orderpay.domain.shared.OrderOutcome.REFUNDED); // topics out of order
    inventory.settleReservation().settle(id, orderpay.domain.shared.OrderOutcome.PAID);
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 5, 0));
  }

  private long expiriesOf(OrderId id) {
    return events.published.stream()
        .filter(e -> e instanceof ReservationExpired expired && expired.orderId().equals(id))
        .count();
  }

  @Test
  void aCommitAfterTheTtlButBeforeTheSweepTakesTheHeldUnits() {
    var book = stocked(10);
    var id = order();
    inventory.reserveStock().reserve(id, List.of(new ReservationLine(book, 1)));
    clock.advance(TTL);
    assertThat(inventory.commitStock().commit(id).status()).isEqualTo(ReservationStatus.COMMITTED);
    assertThat(inventory.expireReservations().expireDue(100)).isZero();
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 9, 0));
  }

  @Test
  void settingStockCannotDropBelowWhatIsReserved() {
    var book = stocked(10);
    inventory.reserveStock().reserve(order(), List.of(new ReservationLine(book, 4)));
    assertThat(inventory.setStock().set(book, 4)).isEqualTo(new StockItem(book, 4, 4));
    assertThatThrownBy(() -> inventory.setStock().set(book, 3))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_STATE));
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 4, 4));
  }

  @Test
  void aProductEventDeliveredTwiceDoesNotResetTheCount() {
    var book = stocked(10);
    inventory.setStock().set(book, 3);
    inventory.trackProducts().track(book, 10);
    assertThat(inventory.queries().get(book).onHand()).isEqualTo(3);
  }

  @Test
  void aDeletedProductCannotBeReservedAndIsNotFound() {
    var book = stocked(10);
    inventory.trackProducts().discontinue(book);
    assertThatThrownBy(
            () -> inventory.reserveStock().reserve(order(), List.of(new ReservationLine(book, 1))))
        .isInstanceOf(InsufficientStock.class);
    assertThatThrownBy(() -> inventory.queries().get(book))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void unknownReservationsAreNotFound() {
    assertThatThrownBy(() -> inventory.commitStock().commit(order()))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void checkReportsWithoutReserving() {
    var book = stocked(2);
    var pen = stocked(9);
    var ok =
        inventory
            .queries()
            .check(List.of(new ReservationLine(book, 2), new ReservationLine(pen, 1)));
    var short_ = inventory.queries().check(List.of(new ReservationLine(book, 3)));
    assertThat(ok.allAvailable()).isTrue();
    assertThat(short_.allAvailable()).isFalse();
    assertThat(inventory.queries().get(book).reserved()).isZero();
  }

  @Test
  void orderOutcomesMoveStockOnceAndOutcomesThatNoLongerApplyChangeNothing() {
    var book = stocked(10);
    var paid = order();
    inventory.reserveStock().reserve(paid, List.of(new ReservationLine(book, 3)));
    assertThat(inventory.settleReservation().settle(paid, orderpay.domain.shared.OrderOutcome.PAID))
        .isPresent();
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 7, 0));
    // a late "failed" for a paid order, and an outcome for an order that never reserved
    assertThat(
            inventory.settleReservation().settle(paid, orderpay.domain.shared.OrderOutcome.FAILED))
        .isEmpty();
    assertThat(
            inventory
                .settleReservation()
                .settle(order(), orderpay.domain.shared.OrderOutcome.CANCELLED))
        .isEmpty();
    assertThat(
            inventory
                .settleReservation()
                .settle(paid, orderpay.domain.shared.OrderOutcome.REFUNDED))
        .isPresent();
    assertThat(inventory.queries().get(book)).isEqualTo(new StockItem(book, 10, 0));
  }
}
