package orderpay.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import org.junit.jupiter.api.Test;

class ReservationTest {
  private final ProductId a =
      new ProductId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
  private final ProductId b =
      new ProductId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
  private final Instant now = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void stockNeverGoesBelowZeroAvailable() {
    var item = new StockItem(a, 5, 3);
    assertThat(item.available()).isEqualTo(2);
    assertThat(item.reserve(2).available()).isZero();
    assertThatThrownBy(() -> item.reserve(3)).isInstanceOf(InsufficientStock.class);
  }

  @Test
  void commitLowersOnHandAndReserved() {
    assertThat(new StockItem(a, 5, 3).commit(2)).isEqualTo(new StockItem(a, 3, 1));
  }

  @Test
  void recountCannotDropBelowReserved() {
    var item = new StockItem(a, 5, 3);
    assertThat(item.recount(3).available()).isZero();
    assertThatThrownBy(() -> item.recount(2)).hasMessageContaining("below");
    assertThatThrownBy(() -> item.recount(-1)).isInstanceOf(DomainException.class);
  }

  @Test
  void invariantIsEnforcedOnEveryState() {
    assertThatThrownBy(() -> new StockItem(a, 1, 2)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new StockItem(a, 1, -1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void normaliseMergesDuplicatesAndSortsIntoLockOrder() {
    var lines =
        Reservation.normalise(
            List.of(
                new ReservationLine(b, 1), new ReservationLine(a, 2), new ReservationLine(b, 4)));
    assertThat(lines).containsExactly(new ReservationLine(a, 2), new ReservationLine(b, 5));
  }

  @Test
  void allocationIsAllOrNothingAndNamesEveryShortLine() {
    var stock = Map.of(a, new StockItem(a, 10, 0), b, new StockItem(b, 1, 0));
    var lines = List.of(new ReservationLine(a, 3), new ReservationLine(b, 2));
    assertThatThrownBy(() -> Reservation.allocate(lines, stock))
        .isInstanceOfSatisfying(
            InsufficientStock.class,
            e -> {
              assertThat(e.shortages()).containsExactly(new InsufficientStock.Shortage(b, 2, 1));
              assertThat(e.reason()).isEqualTo("insufficient_stock");
            });
    assertThat(Reservation.allocate(List.of(new ReservationLine(a, 3)), stock))
        .containsExactly(new StockItem(a, 10, 3));
  }

  @Test
  void unknownProductsAreShortWithNothingAvailable() {
    assertThatThrownBy(() -> Reservation.allocate(List.of(new ReservationLine(a, 1)), Map.of()))
        .isInstanceOfSatisfying(
            InsufficientStock.class,
            e ->
                assertThat(e.shortages()).containsExactly(new InsufficientStock.Shortage(a, 1, 0)));
  }

  private Reservation reservation(ReservationStatus status) {
    return new Reservation(
        new OrderId(UUID.randomUUID()),
        List.of(new ReservationLine(a, 1)),
        status,
        now.plusSeconds(900));
  }

  @Test
  void endingsApplyOnceAndRepeatsAreNoOps() {
    assertThat(reservation(ReservationStatus.RESERVED).planCommit())
        .isEqualTo(Reservation.CommitPlan.TAKE_HELD);
    assertThat(reservation(ReservationStatus.COMMITTED).planCommit())
        .isEqualTo(Reservation.CommitPlan.ALREADY_DONE);
    assertThat(reservation(ReservationStatus.RESERVED).checkRelease())
        .isEqualTo(Reservation.Effect.APPLIED);
    assertThat(reservation(ReservationStatus.RELEASED).checkRelease())
        .isEqualTo(Reservation.Effect.ALREADY_DONE);
    assertThat(reservation(ReservationStatus.EXPIRED).checkRelease())
        .isEqualTo(Reservation.Effect.ALREADY_DONE);
  }

  @Test
  void releaseAfterCommitIsRefusedAndAPaidOrderTakesItsUnitsAgainAfterReleaseOrExpiry() {
    assertThatThrownBy(() -> reservation(ReservationStatus.COMMITTED).checkRelease())
        .isInstanceOf(DomainException.class);
    assertThat(reservation(ReservationStatus.RELEASED).planCommit())
        .isEqualTo(Reservation.CommitPlan.RETAKE_FROM_SHELF);
    assertThat(reservation(ReservationStatus.EXPIRED).planCommit())
        .isEqualTo(Reservation.CommitPlan.RETAKE_FROM_SHELF);
    assertThat(reservation(ReservationStatus.RETURNED).planCommit())
        .isEqualTo(Reservation.CommitPlan.ALREADY_DONE);
  }

  @Test
  void aHoldPastItsTtlButNotYetSweptIsStillTakenByAPaidOrder() {
    var open = reservation(ReservationStatus.RESERVED);
    assertThat(open.isExpired(now.plusSeconds(899))).isFalse();
    assertThat(open.isExpired(now.plusSeconds(900))).isTrue();
    assertThat(open.planCommit()).isEqualTo(Reservation.CommitPlan.TAKE_HELD);
  }

  @Test
  void aShortageSurvivesTheTripThroughItsDetails() {
    var refusal =
        new InsufficientStock(
            List.of(
                new InsufficientStock.Shortage(a, 3, 1), new InsufficientStock.Shortage(b, 2, 0)));
    assertThat(InsufficientStock.fromDetails(refusal.details()).shortages())
        .containsExactlyInAnyOrderElementsOf(refusal.shortages());
  }
}
