package orderpay.domain.order;

import java.time.Instant;
import orderpay.domain.money.Money;
import orderpay.domain.shared.OrderId;

/** An order's status and total without its lines: what a reconciliation compares. */
public record OrderSummary(OrderId id, OrderStatus status, Money total, Instant createdAt) {}
