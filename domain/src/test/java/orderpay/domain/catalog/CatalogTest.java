package orderpay.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryProductRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private final RecordingEvents events = new RecordingEvents();
  private final Catalog catalog =
      new Catalog(
          new InMemoryProductRepository(),
          new ImmediateTransactions(),
          events,
          new SequentialIds(),
          MutableClock.startingAt("2026-03-01T12:00:00Z"));

  private Product create(String name) {
    return catalog.create(new Catalog.NewProduct(name, "", Money.of(999, "EUR"), 5));
  }

  @Test
  void creatingAnnouncesTheInitialStockOnce() {
    Product p = create("Lamp");
    assertThat(events.published)
        .singleElement()
        .isInstanceOfSatisfying(
            ProductChanged.Created.class, e -> assertThat(e.initialStock()).isEqualTo(5));
    assertThat(catalog.get(p.id())).isEqualTo(p);
  }

  @Test
  void updatingChangesOnlyTheGivenFieldsAndNeverStock() {
    Product p = create("Lamp");
    var updated =
        catalog.update(
            p.id(), new Product.Changes(Optional.empty(), Optional.of("brass"), Optional.empty()));
    assertThat(updated.name()).isEqualTo("Lamp");
    assertThat(updated.description()).isEqualTo("brass");
    assertThat(updated.price()).isEqualTo(p.price());
    assertThat(events.published.getLast()).isInstanceOf(ProductChanged.Updated.class);
  }

  @Test
  void refusesEmptyUpdatesAndBadValues() {
    Product p = create("Lamp");
    var none = new Product.Changes(Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> catalog.update(p.id(), none)).isInstanceOf(DomainException.class);
    var free =
        new Product.Changes(Optional.empty(), Optional.empty(), Optional.of(Money.of(0, "EUR")));
    assertThatThrownBy(() -> catalog.update(p.id(), free)).hasMessageContaining("positive");
    assertThatThrownBy(() -> catalog.create(new Catalog.NewProduct(" ", "", Money.of(1, "EUR"), 0)))
        .hasMessageContaining("name");
    assertThatThrownBy(
            () -> catalog.create(new Catalog.NewProduct("X", "", Money.of(-1, "EUR"), 0)))
        .hasMessageContaining("positive");
    assertThatThrownBy(
            () -> catalog.create(new Catalog.NewProduct("X", "", Money.of(1, "EUR"), -1)))
        .hasMessageContaining("initial_stock");
  }

  @Test
  void aDeletedProductIsNotFoundNorListedNorPriced() {
    Product p = create("Lamp");
    catalog.delete(p.id());
    assertThatThrownBy(() -> catalog.get(p.id()))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThatThrownBy(() -> catalog.delete(p.id())).isInstanceOf(DomainException.class);
    assertThat(catalog.list(10, null).items()).isEmpty();
    assertThat(catalog.batchGet(List.of(p.id()))).isEmpty();
    assertThat(events.published.getLast()).isInstanceOf(ProductChanged.Deleted.class);
  }

  @Test
  void pagesWalkTheCatalogOnceWithStableTokens() {
    var created = new ArrayList<ProductId>();
    for (int i = 0; i < 7; i++) {
      created.add(create("P" + i).id());
    }
    var seen = new ArrayList<ProductId>();
    String token = null;
    int pages = 0;
    do {
      var page = catalog.list(3, token);
      page.items().forEach(p -> seen.add(p.id()));
      token = page.nextCursor().orElse(null);
      pages++;
    } while (token != null);
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);
    assertThatThrownBy(() -> catalog.list(3, "not-a-token!")).hasMessageContaining("page_token");
  }

  @Test
  void aSearchMatchesNameOrDescriptionIgnoringCaseAndPagesLikeTheCatalog() {
    var teapot = create("Blue Teapot");
    var cup =
        catalog.create(
            new Catalog.NewProduct("Cup", "goes with the teapot", Money.of(5, "EUR"), 1));
    create("Lamp");
    create("Teaspoon");
    var first = catalog.list(1, null, "  TEAPOT ");
    assertThat(first.items()).extracting(Product::id).containsExactly(teapot.id());
    var second = catalog.list(1, first.nextCursor().orElseThrow(), "teapot");
    assertThat(second.items()).extracting(Product::id).containsExactly(cup.id());
    assertThat(second.nextCursor()).isEmpty();
    assertThat(catalog.list(10, null, " ").items()).hasSize(4); // blank: no search
    assertThatThrownBy(() -> catalog.list(10, null, "x".repeat(101))).hasMessageContaining("100");
  }
}
