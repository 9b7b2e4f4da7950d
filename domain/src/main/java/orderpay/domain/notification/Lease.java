package orderpay.domain.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * The right to send and then mark a pending message, held by one dispatcher until {@code until}.
 * Each claim has a fresh token, so a dispatcher whose lease ran out and was taken over cannot
 * finish the message, even if it claims again later.
 */
public record Lease(UUID token, Instant until) {}
