package orderpay.adapters.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.adapters.postgres.UuidV7Generator;
import orderpay.domain.catalog.CreateProduct;
import orderpay.domain.catalog.DeleteProduct;
import orderpay.domain.catalog.Product;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.catalog.ProductQueries;
import orderpay.domain.catalog.UpdateProduct;
import orderpay.domain.money.Money;
import orderpay.domain.testing.RecordingEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbiProductRepositoryTest {
  private static Database database;
  private static CreateProduct createProduct;
  private static UpdateProduct updateProduct;
  private static DeleteProduct deleteProduct;
  private static ProductQueries products;

  @BeforeAll
  static void start() {
    database = PostgresTestDatabase.open(JdbiProductRepositoryTest.class, "product");
    var clock = Clock.systemUTC();
    var repository = new JdbiProductRepository(database.transactions());
    var tx = database.transactions();
    var events = new RecordingEvents();
    createProduct = new CreateProduct(repository, tx, events, new UuidV7Generator(clock), clock);
    updateProduct = new UpdateProduct(repository, tx, events, clock);
    deleteProduct = new DeleteProduct(repository, tx, events, clock);
    products = new ProductQueries(repository);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void storesReadsUpdatesPartiallyAndSoftDeletes() {
    var created =
        createProduct.create(
            new CreateProduct.Command("Kettle", "steel", Money.of(2999, "EUR"), 3));
    assertThat(products.get(created.id())).isEqualTo(created);
    var updated =
        updateProduct.update(
            created.id(),
            new Product.Changes(
                Optional.empty(), Optional.empty(), Optional.of(Money.of(2499, "EUR"))));
    assertThat(products.get(created.id()).price()).isEqualTo(Money.of(2499, "EUR"));
    assertThat(products.get(created.id()).name()).isEqualTo("Kettle");
    assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
    deleteProduct.delete(created.id());
    assertThat(products.batchGet(List.of(created.id()))).isEmpty();
  }

  @Test
  void pagingVisitsEveryLiveProductOnceInCreationOrder() {
    var created = new ArrayList<ProductId>();
    for (int i = 0; i < 9; i++) {
      created.add(
          createProduct
              .create(new CreateProduct.Command("Page " + i, "", Money.of(100 + i, "EUR"), 0))
              .id());
    }
    deleteProduct.delete(created.get(4));
    var seen = new ArrayList<ProductId>();
    String token = null;
    do {
      var page = products.list(4, token);
      page.items().forEach(p -> seen.add(p.id()));
      token = page.nextCursor().orElse(null);
    } while (token != null);
    var expected = new ArrayList<>(created);
    expected.remove(4);
    assertThat(seen).containsSubsequence(expected).doesNotContain(created.get(4));
  }
}
