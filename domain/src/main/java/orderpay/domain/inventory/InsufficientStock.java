package orderpay.domain.inventory;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/** A reservation was refused; names every short line. */
public final class InsufficientStock extends DomainException {
  private static final long serialVersionUID = 1L;

  public record Shortage(ProductId productId, long requested, long available) {}

  private final transient List<Shortage> shortages;

  public InsufficientStock(List<Shortage> shortages) {
    super(ErrorKind.CONFLICT, "insufficient_stock", describe(shortages), detailsOf(shortages));
    this.shortages = List.copyOf(shortages);
  }

  public List<Shortage> shortages() {
    return shortages;
  }

  private static String describe(List<Shortage> shortages) {
    return "insufficient stock for "
        + shortages.stream()
            .map(
                s ->
                    s.productId()
                        + " (requested "
                        + s.requested()
                        + ", available "
                        + s.available()
                        + ")")
            .collect(Collectors.joining(", "));
  }

  private static Map<String, String> detailsOf(List<Shortage> shortages) {
    return shortages.stream()
        .collect(
            Collectors.toMap(
                s -> s.productId().toString(),
                s -> "requested=" + s.requested() + ",available=" + s.available(),
                (a, b) -> a));
  }
}
