package orderpay.apps.gateway;

import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import orderpay.adapters.rest.AdminDeadLetterRoutes;
import orderpay.adapters.rest.AdminOrderRoutes;
import orderpay.adapters.rest.AdminOverviewRoutes;
import orderpay.adapters.rest.AdminReconciliationRoutes;
import orderpay.adapters.rest.CatalogRoutes;
import orderpay.adapters.rest.NotificationRoutes;
import orderpay.adapters.rest.OrderRoutes;
import orderpay.adapters.rest.RequestRateLimits;
import orderpay.adapters.rest.Route;
import orderpay.adapters.rest.UserRoutes;

/**
 * Every route the gateway serves, in the order they are matched, each behind the per-client rate
 * limits: the {@link Gateway} needs them only as one list, so the route groups Dagger builds are
 * flattened here instead of kept apart.
 */
final class GatewayRoutes {
  private final List<Route> all;

  @Inject
  GatewayRoutes(
      UserRoutes users,
      CatalogRoutes catalog,
      OrderRoutes orders,
      NotificationRoutes notifications,
      AdminDeadLetterRoutes adminDeadLetters,
      AdminOrderRoutes adminOrders,
      AdminReconciliationRoutes reconciliation,
      AdminOverviewRoutes overview,
      RequestRateLimits rateLimits) {
    this.all =
        rateLimits.guard(
            Stream.of(
                    users.routes(),
                    catalog.routes(),
                    orders.routes(),
                    notifications.routes(),
                    adminDeadLetters.routes(),
                    adminOrders.routes(),
                    reconciliation.routes(),
                    overview.routes())
                .flatMap(List::stream)
                .toList());
  }

  List<Route> all() {
    return all;
  }
}
