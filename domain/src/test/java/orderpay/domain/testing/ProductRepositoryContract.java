package orderpay.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.catalog.Product;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.catalog.ProductRepository;
import orderpay.domain.money.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ProductRepository} must do; run against the fake and PostgreSQL. */
public abstract class ProductRepositoryContract {
  private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
  private ProductRepository products;

  /** A repository over an empty store. */
  protected abstract ProductRepository emptyRepository();

  @BeforeEach
  void setUp() {
    products = emptyRepository();
  }

  private Product added(String name, String description) {
    var product =
        new Product(
            new ProductId(UUID.randomUUID()),
            name,
            description,
            Money.of(1250, "EUR"),
            CREATED,
            CREATED);
    products.add(product);
    return product;
  }

  private List<Product> live(Optional<ProductId> after, int limit, String containing) {
    return products.listLive(after, limit, Optional.ofNullable(containing));
  }

  @Test
  void aProductIsFoundAsStoredAndAnUnknownOneIsNot() {
    var kettle = added("Kettle", "steel");
    assertThat(products.findLive(kettle.id())).contains(kettle);
    assertThat(products.findLiveForUpdate(kettle.id())).contains(kettle);
    var unknown = new ProductId(UUID.randomUUID());
    assertThat(products.findLive(unknown)).isEmpty();
    assertThat(products.findLiveForUpdate(unknown)).isEmpty();
  }

  @Test
  void anUpdateReplacesWhatMayChangeAndKeepsWhenItWasCreated() {
    var kettle = added("Kettle", "steel");
    var changed =
        new Product(
            kettle.id(),
            "Kettle 2",
            "copper",
            Money.of(999, "USD"),
            kettle.createdAt(),
            CREATED.plusSeconds(60));
    products.update(changed);
    assertThat(products.findLive(kettle.id())).contains(changed);
  }

  @Test
  void aDeletedProductIsDeletedOnceAndFoundNowhere() {
    var kettle = added("Kettle", "steel");
    var mug = added("Mug", "");
    assertThat(products.markDeleted(kettle.id(), CREATED)).isTrue();
    assertThat(products.markDeleted(kettle.id(), CREATED)).isFalse();
    assertThat(products.markDeleted(new ProductId(UUID.randomUUID()), CREATED)).isFalse();

    assertThat(products.findLive(kettle.id())).isEmpty();
    assertThat(products.findLiveForUpdate(kettle.id())).isEmpty();
    assertThat(products.findLive(List.of(kettle.id(), mug.id()))).containsExactly(mug);
    assertThat(live(Optional.empty(), 10, null)).containsExactly(mug);
  }

  @Test
  void manyAreFoundAtOnceSkippingUnknownIds() {
    var kettle = added("Kettle", "");
    var mug = added("Mug", "");
    assertThat(products.findLive(List.of(kettle.id(), new ProductId(UUID.randomUUID()), mug.id())))
        .containsExactlyInAnyOrder(kettle, mug);
    assertThat(products.findLive(List.<ProductId>of())).isEmpty();
  }

  @Test
  void pagesFollowTheIdsAsTheDatabaseSortsThemEachProductOnce() {
    var added = new ArrayList<Product>();
    for (int i = 0; i < 12; i++) { // random ids: about half have the top bit set
      added.add(added("Item " + i, ""));
    }
    added.sort((a, b) -> PostgresOrder.UUIDS.compare(a.id().value(), b.id().value()));

    var seen = new ArrayList<Product>();
    Optional<ProductId> after = Optional.empty();
    List<Product> page;
    do {
      page = live(after, 5, null);
      assertThat(page.size()).isLessThanOrEqualTo(5);
      seen.addAll(page);
      after = page.isEmpty() ? after : Optional.of(page.getLast().id());
    } while (!page.isEmpty());
    assertThat(seen).containsExactlyElementsOf(added);
  }

  @Test
  void aSearchMatchesNameOrDescriptionIgnoringCaseAndTakesWildcardsLiterally() {
    var kettle = added("Steel Kettle", "boils water");
    var mug = added("Mug", "holds WATER, 100% stoneware");
    var plate = added("Plate_1", "flat");
    added("Bowl", "deep");

    assertThat(live(Optional.empty(), 10, "water")).containsExactlyInAnyOrder(kettle, mug);
    assertThat(live(Optional.empty(), 10, "KETTLE")).containsExactly(kettle);
    assertThat(live(Optional.empty(), 10, "100%")).containsExactly(mug);
    assertThat(live(Optional.empty(), 10, "e_1")).containsExactly(plate);
    assertThat(live(Optional.empty(), 10, "%")).containsExactly(mug);
    assertThat(live(Optional.empty(), 10, "_")).containsExactly(plate);
    assertThat(live(Optional.empty(), 10, "teapot")).isEmpty();
  }
}
