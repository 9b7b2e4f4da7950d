package orderpay.adapters.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.adapters.postgres.UuidV7Generator;
import orderpay.domain.catalog.Catalog;
import orderpay.domain.catalog.Product;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.testing.RecordingEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbiProductRepositoryTest {
  private static Database database;
  private static Catalog catalog;

  @BeforeAll
  static void start() {
    database = PostgresTestDatabase.open(JdbiProductRepositoryTest.class, "product");
    var clock = Clock.systemUTC();
    catalog =
        new Catalog(
            new JdbiProductRepository(database.transactions()),
            database.transactions(),
            new RecordingEvents(),
            new UuidV7Generator(clock),
            clock);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void storesReadsUpdatesPartiallyAndSoftDeletes() {
    var created =
        catalog.create(new Catalog.NewProduct("Kettle", "steel", Money.of(2999, "EUR"), 3));
    assertThat(catalog.get(created.id())).isEqualTo(created);
    var updated =
        catalog.update(
            created.id(),
            new Product.Changes(
                Optional.empty(), Optional.empty(), Optional.of(Money.of(2499, "EUR"))));
    assertThat(catalog.get(created.id()).price()).isEqualTo(Money.of(2499, "EUR"));
    assertThat(catalog.get(created.id()).name()).isEqualTo("Kettle");
    assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
    catalog.delete(created.id());
    assertThat(catalog.batchGet(List.of(created.id()))).isEmpty();
  }

  @Test
  void pagingVisitsEveryLiveProductOnceInCreationOrder() {
    var created = new ArrayList<ProductId>();
    for (int i = 0; i < 9; i++) {
      created.add(
          catalog
              .create(new Catalog.NewProduct("Page " + i, "", Money.of(100 + i, "EUR"), 0))
              .id());
    }
    catalog.delete(created.get(4));
    var seen = new ArrayList<ProductId>();
    String token = null;
    do {
      var page = catalog.list(4, token);
      page.items().forEach(p -> seen.add(p.id()));
      token = page.nextCursor().orElse(null);
    } while (token != null);
    var expected = new ArrayList<>(created);
    expected.remove(4);
    assertThat(seen).containsSubsequence(expected).doesNotContain(created.get(4));
  }
}
