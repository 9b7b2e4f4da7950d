package orderpay.adapters.postgres.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orderpay.adapters.postgres.Columns;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.Reservation;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.ReservationRepository;
import orderpay.domain.inventory.ReservationStatus;
import orderpay.domain.shared.OrderId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

public record JdbiReservationRepository(JdbiTransactions transactions)
    implements ReservationRepository {
  private static final String SELECT_HEADERS =
      "SELECT order_id, status, expires_at FROM reservations";

  @Override
  public boolean addIfAbsent(Reservation reservation) {
    return transactions.withHandle(
        h -> {
          int inserted =
              h.createUpdate(
                      """
                      INSERT INTO reservations (order_id, status, expires_at) VALUES (:id, :status, :expiresAt)
                      ON CONFLICT DO NOTHING
                      """)
                  .bind("id", reservation.orderId().value())
                  .bind("status", reservation.status().name())
                  .bind("expiresAt", reservation.expiresAt())
                  .execute();
          if (inserted == 0) {
            return false;
          }
          var batch =
              h.prepareBatch(
                  "INSERT INTO reservation_lines (order_id, product_id, quantity) VALUES (:order, :product, :q)");
          for (ReservationLine line : reservation.lines()) {
            batch
                .bind("order", reservation.orderId().value())
                .bind("product", line.productId().value())
                .bind("q", line.quantity())
                .add();
          }
          batch.execute();
          return true;
        });
  }

  @Override
  public Optional<Reservation> find(OrderId orderId) {
    return load(SELECT_HEADERS + " WHERE order_id = :id", orderId);
  }

  @Override
  public Optional<Reservation> findForUpdate(OrderId orderId) {
    return load(JdbiTransactions.forUpdate(SELECT_HEADERS + " WHERE order_id = :id"), orderId);
  }

  private Optional<Reservation> load(String select, OrderId orderId) {
    return transactions.withHandle(
        h ->
            h.createQuery(select)
                .bind("id", orderId.value())
                .map(Header::of)
                .findOne()
                .map(header -> withLines(h, List.of(header)).getFirst()));
  }

  @Override
  public Map<OrderId, ReservationStatus> statuses(java.util.Collection<OrderId> orderIds) {
    var found = new LinkedHashMap<OrderId, ReservationStatus>();
    transactions.withHandle(
        h ->
            h.createQuery("SELECT order_id, status FROM reservations WHERE order_id = ANY(:ids)")
                .bindArray("ids", UUID.class, orderIds.stream().map(OrderId::value).toList())
                .map(
                    (rs, ctx) ->
                        found.put(
                            new OrderId(rs.getObject("order_id", UUID.class)),
                            ReservationStatus.valueOf(rs.getString("status"))))
                .list());
    return found;
  }

  @Override
  public void updateStatus(OrderId orderId, ReservationStatus status, Instant at) {
    transactions.update(
        "UPDATE reservations SET status = :status, updated_at = :at WHERE order_id = :id",
        u -> u.bind("id", orderId.value()).bind("status", status.name()).bind("at", at));
  }

  @Override
  public void reopen(OrderId orderId, Instant expiresAt, Instant at) {
    transactions.update(
        """
        UPDATE reservations SET status = 'RESERVED', expires_at = :expiresAt, updated_at = :at
        WHERE order_id = :id
        """,
        u -> u.bind("id", orderId.value()).bind("expiresAt", expiresAt).bind("at", at));
  }

  @Override
  public List<Reservation> lockExpired(Instant now, int limit) {
    return transactions.withHandle(
        h -> {
          var headers =
              h.createQuery(
                      SELECT_HEADERS
                          + """
                           WHERE status = 'RESERVED' AND expires_at <= :now
                           ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED
                          """)
                  .bind("now", now)
                  .bind("limit", limit)
                  .map(Header::of)
                  .list();
          return headers.isEmpty() ? List.of() : withLines(h, headers);
        });
  }

  private record Header(UUID orderId, String status, Instant expiresAt) {
    static Header of(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Header(
          Columns.uuid(rs, "order_id"), rs.getString("status"), Columns.instant(rs, "expires_at"));
    }
  }

  /** Lines come back ordered by product id: the lock order for release and commit. */
  private static List<Reservation> withLines(Handle h, List<Header> headers) {
    Map<UUID, List<ReservationLine>> lines = new LinkedHashMap<>();
    headers.forEach(header -> lines.put(header.orderId(), new ArrayList<>()));
    h.createQuery(
            "SELECT order_id, product_id, quantity FROM reservation_lines WHERE order_id = ANY(:ids) ORDER BY order_id, product_id")
        .bindArray("ids", UUID.class, List.copyOf(lines.keySet()))
        .map(
            (rs, ctx) -> {
              lines
                  .get(rs.getObject("order_id", UUID.class))
                  .add(
                      new ReservationLine(
                          new ProductId(rs.getObject("product_id", UUID.class)),
                          rs.getLong("quantity")));
              return null;
            })
        .list();
    return headers.stream()
        .map(
            header ->
                new Reservation(
                    new OrderId(header.orderId()),
                    lines.get(header.orderId()),
                    ReservationStatus.valueOf(header.status()),
                    header.expiresAt()))
        .toList();
  }
}
