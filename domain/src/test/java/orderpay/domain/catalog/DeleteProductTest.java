package orderpay.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import org.junit.jupiter.api.Test;

class DeleteProductTest {
  private final CatalogFixture catalog = new CatalogFixture();

  @Test
  void aDeletedProductIsNotFoundNorListedNorPriced() {
    Product p = catalog.create("Lamp");
    catalog.deleteProduct.delete(p.id());
    assertThatThrownBy(() -> catalog.queries.get(p.id()))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThatThrownBy(() -> catalog.deleteProduct.delete(p.id()))
        .isInstanceOf(DomainException.class);
    assertThat(catalog.queries.list(10, null).items()).isEmpty();
    assertThat(catalog.queries.batchGet(List.of(p.id()))).isEmpty();
    assertThat(catalog.events.published.getLast()).isInstanceOf(ProductChanged.Deleted.class);
  }
}
