package orderpay.domain.testing;

import java.time.Clock;
import java.time.Duration;
import orderpay.domain.inventory.CommitStock;
import orderpay.domain.inventory.ExpireReservations;
import orderpay.domain.inventory.LockedReservations;
import orderpay.domain.inventory.ReleaseStock;
import orderpay.domain.inventory.ReservationRepository;
import orderpay.domain.inventory.ReserveStock;
import orderpay.domain.inventory.ReturnStock;
import orderpay.domain.inventory.SetStock;
import orderpay.domain.inventory.SettleReservation;
import orderpay.domain.inventory.StockQueries;
import orderpay.domain.inventory.StockRepository;
import orderpay.domain.inventory.TrackProducts;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.Transactions;

/** Every inventory use case over the same stores, as the inventory service wires them. */
public record InventoryUseCases(
    ReserveStock reserveStock,
    ReleaseStock releaseStock,
    CommitStock commitStock,
    ReturnStock returnStock,
    SettleReservation settleReservation,
    ExpireReservations expireReservations,
    SetStock setStock,
    TrackProducts trackProducts,
    StockQueries queries) {

  public static InventoryUseCases over(
      StockRepository stock,
      ReservationRepository reservations,
      Transactions transactions,
      EventPublisher events,
      Clock clock,
      Duration reservationTtl) {
    var locked = new LockedReservations(reservations, transactions, clock);
    var release = new ReleaseStock(stock, locked);
    var commit = new CommitStock(stock, locked, events);
    var returnStock = new ReturnStock(stock, locked);
    return new InventoryUseCases(
        new ReserveStock(stock, reservations, transactions, clock, reservationTtl),
        release,
        commit,
        returnStock,
        new SettleReservation(commit, release, returnStock),
        new ExpireReservations(stock, locked, events),
        new SetStock(stock, transactions),
        new TrackProducts(stock, transactions),
        new StockQueries(stock, reservations));
  }

  /** Over fresh in-memory stores. */
  public static InventoryUseCases inMemory(
      EventPublisher events, Clock clock, Duration reservationTtl) {
    var stock = new InMemoryStockRepository();
    var reservations = new InMemoryReservationRepository();
    return over(
        stock,
        reservations,
        new InMemoryTransactions(stock, reservations),
        events,
        clock,
        reservationTtl);
  }
}
