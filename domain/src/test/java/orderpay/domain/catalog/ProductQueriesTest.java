package orderpay.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import orderpay.domain.money.Money;
import org.junit.jupiter.api.Test;

class ProductQueriesTest {
  private final CatalogFixture catalog = new CatalogFixture();
  private final ProductQueries queries = catalog.queries;

  @Test
  void pagesWalkTheCatalogOnceWithStableTokens() {
    var created = new ArrayList<ProductId>();
    for (int i = 0; i < 7; i++) {
      created.add(catalog.create("P" + i).id());
    }
    var seen = new ArrayList<ProductId>();
    String token = null;
    int pages = 0;
    do {
      var page = queries.list(3, token);
      page.items().forEach(p -> seen.add(p.id()));
      token = page.nextCursor().orElse(null);
      pages++;
    } while (token != null);
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);
    assertThatThrownBy(() -> queries.list(3, "not-a-token!")).hasMessageContaining("page_token");
  }

  @Test
  void aSearchMatchesNameOrDescriptionIgnoringCaseAndPagesLikeTheCatalog() {
    var teapot = catalog.create("Blue Teapot");
    var cup =
        catalog.createProduct.create(
            new CreateProduct.Command("Cup", "goes with the teapot", Money.of(5, "EUR"), 1));
    catalog.create("Lamp");
    catalog.create("Teaspoon");
    var first = queries.list(1, null, "  TEAPOT ");
    assertThat(first.items()).extracting(Product::id).containsExactly(teapot.id());
    var second = queries.list(1, first.nextCursor().orElseThrow(), "teapot");
    assertThat(second.items()).extracting(Product::id).containsExactly(cup.id());
    assertThat(second.nextCursor()).isEmpty();
    assertThat(queries.list(10, null, " ").items()).hasSize(4); // blank: no search
    assertThatThrownBy(() -> queries.list(10, null, "x".repeat(101))).hasMessageContaining("100");
  }
}
