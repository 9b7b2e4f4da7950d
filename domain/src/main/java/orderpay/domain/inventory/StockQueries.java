package orderpay.domain.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;

/** Reading stock and reservations; nothing here holds or moves a unit. */
public record StockQueries(StockRepository stock, ReservationRepository reservations) {

  /** What CheckStock answers: each line's level and whether all lines could be reserved now. */
  public record Availability(boolean allAvailable, List<StockItem> levels) {}

  public StockItem get(ProductId productId) {
    return stock
        .find(productId)
        .orElseThrow(() -> DomainException.notFound("product", productId.toString()));
  }

  public Availability check(List<ReservationLine> requested) {
    var lines = Reservation.normalise(requested);
    Map<ProductId, StockItem> levels =
        stock.findAll(lines.stream().map(ReservationLine::productId).toList()).stream()
            .collect(Collectors.toMap(StockItem::productId, Function.identity()));
    boolean all =
        lines.stream()
            .allMatch(
                line ->
                    levels.containsKey(line.productId())
                        && levels.get(line.productId()).canReserve(line.quantity()));
    return new Availability(all, List.copyOf(levels.values()));
  }

  /** For reconciliation: each order's reservation status; orders without one are left out. */
  public Map<OrderId, ReservationStatus> reservationStatuses(Collection<OrderId> ids) {
    return reservations.statuses(ids);
  }
}
