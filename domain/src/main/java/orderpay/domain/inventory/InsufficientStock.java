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

  /**
   * Reads back the details a refusal carried across a service boundary ({@code product id ->
   * "requested=N,available=M"}); the inverse of what the constructor writes.
   */
  public static InsufficientStock fromDetails(Map<String, String> details) {
    return new InsufficientStock(
        details.entrySet().stream()
            .map(
                e -> {
                  long requested = 0;
                  long available = 0;
                  for (String part : e.getValue().split(",")) {
                    String[] kv = part.split("=");
                    if (kv.length == 2 && kv[0].equals("requested")) {
                      requested = Long.parseLong(kv[1]);
                    } else if (kv.length == 2 && kv[0].equals("available")) {
                      available = Long.parseLong(kv[1]);
                    }
                  }
                  return new Shortage(ProductId.parse(e.getKey()), requested, available);
                })
            .toList());
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
