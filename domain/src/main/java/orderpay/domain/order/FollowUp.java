package orderpay.domain.order;

import orderpay.domain.shared.OrderId;

/** One owed call for one order; {@code attempts} counts the earlier tries that failed. */
public record FollowUp(OrderId orderId, FollowUpAction action, int attempts) {}
