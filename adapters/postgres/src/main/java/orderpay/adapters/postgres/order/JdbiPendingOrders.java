package orderpay.adapters.postgres.order;

import org.jdbi.v3.core.Jdbi;

/**
 * How many orders wait for their payment, and since when: read for metrics, on the partial index
 * {@code orders_pending}, outside any transaction of the saga.
 */
public final class JdbiPendingOrders {
  private final Jdbi jdbi;

  public JdbiPendingOrders(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public long count() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM orders WHERE status = 'PENDING'")
                .mapTo(Long.class)
                .one());
  }

  /** Seconds the oldest PENDING order has waited since it was placed; 0 when none waits. */
  public double oldestAgeSeconds() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)
                    FROM orders WHERE status = 'PENDING'
                    """)
                .mapTo(Double.class)
                .one());
  }
}
