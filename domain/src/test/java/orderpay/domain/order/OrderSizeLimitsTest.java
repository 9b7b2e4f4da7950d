package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import orderpay.domain.catalog.PricedProduct;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * The size limits, {@link Order#MAX_LINES} items and {@link OrderLine#MAX_QUANTITY} units a line,
 * are the same on the request (refused before the product service is asked) and on the order.
 */
class OrderSizeLimitsTest {
  private static final Money PRICE = Money.of(100, "EUR");
  private final List<Collection<ProductId>> asked = new ArrayList<>();
  private final OrderPricing pricing =
      new OrderPricing(
          ids -> {
            asked.add(ids);
            var priced = new HashMap<ProductId, PricedProduct>();
            ids.forEach(id -> priced.put(id, new PricedProduct(id, "Thing", PRICE)));
            return Map.copyOf(priced);
          });

  private static List<PlaceOrder.Item> items(int count, long quantity) {
    return IntStream.range(0, count)
        .mapToObj(i -> new PlaceOrder.Item(UUID.randomUUID().toString(), quantity))
        .toList();
  }

  private static Order orderOf(List<OrderLine> lines) {
    return Order.place(
        new OrderId(UUID.randomUUID()),
        new UserId(UUID.randomUUID()),
        null,
        lines,
        "1 Main St",
        null,
        java.time.Clock.systemUTC());
  }

  private static void refusedOn(String field, Runnable request) {
    assertThatThrownBy(request::run)
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.details()).containsEntry("field", field));
  }

  @Test
  void oneToMaxLinesItemsOnTheRequestAndOnTheOrder() {
    var most = pricing.price(items(Order.MAX_LINES, 1), PRICE.currency());
    assertThat(orderOf(most).lines()).hasSize(Order.MAX_LINES);

    refusedOn("items", () -> pricing.price(items(Order.MAX_LINES + 1, 1), PRICE.currency()));
    refusedOn("items", () -> pricing.price(List.of(), PRICE.currency()));
    var tooMany = new ArrayList<>(most);
    tooMany.add(new OrderLine(new ProductId(UUID.randomUUID()), "One more", 1, PRICE));
    refusedOn("items", () -> orderOf(tooMany));
    refusedOn("items", () -> orderOf(List.of()));
    assertThat(asked).as("only the request within the limit was priced").hasSize(1);
  }

  @Test
  void oneToMaxQuantityUnitsOnTheRequestAndOnEachLine() {
    var line = pricing.price(items(1, OrderLine.MAX_QUANTITY), PRICE.currency()).getFirst();
    assertThat(line.quantity()).isEqualTo(OrderLine.MAX_QUANTITY);

    for (long refused : new long[] {0, -1, OrderLine.MAX_QUANTITY + 1}) {
      refusedOn("quantity", () -> pricing.price(items(1, refused), PRICE.currency()));
      refusedOn("quantity", () -> new OrderLine(line.productId(), "Thing", refused, PRICE));
    }
    assertThat(asked).as("only the request within the limit was priced").hasSize(1);
  }
}
