package orderpay.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import orderpay.domain.money.Money;
import org.junit.jupiter.api.Test;

class CreateProductTest {
  private final CatalogFixture catalog = new CatalogFixture();

  @Test
  void creatingAnnouncesTheInitialStockOnce() {
    Product p = catalog.create("Lamp");
    assertThat(catalog.events.published)
        .singleElement()
        .isInstanceOfSatisfying(
            ProductChanged.Created.class, e -> assertThat(e.initialStock()).isEqualTo(5));
    assertThat(catalog.queries.get(p.id())).isEqualTo(p);
  }

  @Test
  void refusesBadValues() {
    var create = catalog.createProduct;
    assertThatThrownBy(
            () -> create.create(new CreateProduct.Command(" ", "", Money.of(1, "EUR"), 0)))
        .hasMessageContaining("name");
    assertThatThrownBy(
            () -> create.create(new CreateProduct.Command("X", "", Money.of(-1, "EUR"), 0)))
        .hasMessageContaining("positive");
    assertThatThrownBy(
            () -> create.create(new CreateProduct.Command("X", "", Money.of(1, "EUR"), -1)))
        .hasMessageContaining("initial_stock");
  }
}
