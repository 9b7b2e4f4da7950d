package orderpay.adapters.postgres.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.ReserveStock;
import orderpay.domain.inventory.StockQueries;
import orderpay.domain.inventory.TrackProducts;
import orderpay.domain.shared.OrderId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent reservations against the real database, through separate connections, as several
 * replicas would make them: no oversell, no deadlock, no partial reservation.
 */
class ReservationRaceTest {
  private static final int THREADS = 16;
  private static Database database;
  private static TrackProducts products;
  private static ReserveStock reserveStock;
  private static StockQueries queries;

  @BeforeAll
  static void start() {
    database = PostgresTestDatabase.open(ReservationRaceTest.class, "inventory");
    var tx = database.transactions();
    var stock = new JdbiStockRepository(tx);
    var reservations = new JdbiReservationRepository(tx);
    products = new TrackProducts(stock, tx);
    reserveStock =
        new ReserveStock(stock, reservations, tx, Clock.systemUTC(), Duration.ofMinutes(15));
    queries = new StockQueries(stock, reservations);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static ProductId stocked(long units) {
    var id = new ProductId(UUID.randomUUID());
    products.track(id, units);
    return id;
  }

  /** Runs every attempt at once (a latch releases them together); returns how many succeeded. */
  private static int race(List<Callable<Boolean>> attempts) throws Exception {
    var start = new CountDownLatch(1);
    int successes = 0;
    try (var pool = Executors.newFixedThreadPool(THREADS)) {
      var results = new ArrayList<Future<Boolean>>();
      for (var attempt : attempts) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return attempt.call();
                }));
      }
      start.countDown();
      for (var result : results) {
        successes += result.get() ? 1 : 0;
      }
    }
    return successes;
  }

  private static Callable<Boolean> reserve(List<ReservationLine> lines) {
    return () -> {
      try {
        reserveStock.reserve(new OrderId(UUID.randomUUID()), lines);
        return true;
      } catch (InsufficientStock refused) {
        return false;
      }
    };
  }

  @Test
  void manyBuyersOneShelf() throws Exception {
    long stock = 25;
    int attempts = 200;
    var book = stocked(stock);
    var tries = new ArrayList<Callable<Boolean>>();
    for (int i = 0; i < attempts; i++) {
      tries.add(reserve(List.of(new ReservationLine(book, 1))));
    }
    int successes = race(tries);
    var after = queries.get(book);
    System.out.printf(
        "single-line race: %d attempts, %d succeeded, stock %d -> on_hand=%d reserved=%d available=%d%n",
        attempts, successes, stock, after.onHand(), after.reserved(), after.available());
    assertThat(successes).isEqualTo(stock);
    assertThat(after.reserved()).isEqualTo(stock);
    assertThat(after.available()).isZero();
  }

  @Test
  void multiLineOrdersOverOverlappingProductsInEveryOrder() throws Exception {
    var products = List.of(stocked(40), stocked(40), stocked(40), stocked(40));
    var random = new Random(42);
    var tries = new ArrayList<Callable<Boolean>>();
    var plans = new ArrayList<List<ReservationLine>>();
    for (int i = 0; i < 300; i++) {
      var shuffled = new ArrayList<>(products);
      Collections.shuffle(shuffled, random);
      var lines = new ArrayList<ReservationLine>();
      for (var product : shuffled.subList(0, 2 + random.nextInt(3))) {
        lines.add(new ReservationLine(product, 1 + random.nextInt(3)));
      }
      plans.add(lines);
      tries.add(reserve(lines));
    }
    int successes = race(tries);

    long reservedTotal = 0;
    for (var product : products) {
      var item = queries.get(product);
      assertThat(item.available()).isGreaterThanOrEqualTo(0);
      assertThat(item.onHand()).isEqualTo(40);
      reservedTotal += item.reserved();
    }
    // totals add up: what is reserved equals the sum of the successful reservations' lines
    var ids = products.stream().map(ProductId::value).toList();
    long linesReserved =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT coalesce(sum(quantity), 0) FROM reservation_lines WHERE product_id = ANY(:ids)")
                        .bindArray("ids", UUID.class, ids)
                        .mapTo(Long.class)
                        .one());
    int reservations =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(DISTINCT order_id) FROM reservation_lines WHERE product_id = ANY(:ids)")
                        .bindArray("ids", UUID.class, ids)
                        .mapTo(Integer.class)
                        .one());
    System.out.printf(
        "multi-line race: %d attempts over 4 products x 40 units, %d succeeded, %d units reserved%n",
        plans.size(), successes, reservedTotal);
    // no partial reservation: every unit held belongs to a complete, stored reservation
    assertThat(reservations).isEqualTo(successes);
    assertThat(linesReserved).isEqualTo(reservedTotal);
    assertThat(successes).isPositive().isLessThan(plans.size());
  }

  @Test
  void concurrentRetriesOfOneOrderReserveOnce() throws Exception {
    var book = stocked(100);
    var order = new OrderId(UUID.randomUUID());
    var tries = new ArrayList<Callable<Boolean>>();
    for (int i = 0; i < 20; i++) {
      tries.add(
          () -> {
            reserveStock.reserve(order, List.of(new ReservationLine(book, 7)));
            return true;
          });
    }
    assertThat(race(tries)).isEqualTo(20);
    assertThat(queries.get(book).reserved()).isEqualTo(7);
  }
}
