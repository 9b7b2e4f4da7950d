package orderpay.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

class UpdateProductTest {
  private final CatalogFixture catalog = new CatalogFixture();
  private final UpdateProduct updateProduct = catalog.updateProduct;

  @Test
  void updatingChangesOnlyTheGivenFieldsAndNeverStock() {
    Product p = catalog.create("Lamp");
    var updated =
        updateProduct.update(
            p.id(), new Product.Changes(Optional.empty(), Optional.of("brass"), Optional.empty()));
    assertThat(updated.name()).isEqualTo("Lamp");
    assertThat(updated.description()).isEqualTo("brass");
    assertThat(updated.price()).isEqualTo(p.price());
    assertThat(catalog.events.published.getLast()).isInstanceOf(ProductChanged.Updated.class);
  }

  @Test
  void refusesEmptyUpdatesAndBadValues() {
    Product p = catalog.create("Lamp");
    var none = new Product.Changes(Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> updateProduct.update(p.id(), none))
        .isInstanceOf(DomainException.class);
    var free =
        new Product.Changes(Optional.empty(), Optional.empty(), Optional.of(Money.of(0, "EUR")));
    assertThatThrownBy(() -> updateProduct.update(p.id(), free)).hasMessageContaining("positive");
  }
}
