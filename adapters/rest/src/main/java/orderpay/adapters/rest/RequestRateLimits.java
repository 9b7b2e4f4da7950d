package orderpay.adapters.rest;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets in front of the routes that cost the most or invite abuse: per client address for
 * sign-up, login, refresh and order creation, and per account for order creation (login is also
 * limited per account by {@link LoginThrottle}). A refused request is answered 429 {@code
 * rate_limited} with {@code Retry-After} before its handler runs, so it changes nothing. Buckets
 * live in this gateway's memory, at most {@code maxTrackedClients} of them (ADR 7).
 */
public final class RequestRateLimits {
  /** Buckets kept by default: a few MiB of heap at most. */
  public static final int DEFAULT_MAX_TRACKED_CLIENTS = 100_000;

  /** The routes limited per client address. */
  public enum Group {
    SIGN_UP("/api/v1/users"),
    LOGIN("/api/v1/auth/token"),
    REFRESH("/api/v1/auth/refresh"),
    ORDER_CREATION("/api/v1/orders");

    private final String path;

    Group(String path) {
      this.path = path;
    }

    static Optional<Group> of(Route route) {
      if (route.method() != HandlerType.POST) {
        return Optional.empty();
      }
      for (Group group : values()) {
        if (group.path.equals(route.path())) {
          return Optional.of(group);
        }
      }
      return Optional.empty();
    }
  }

  /** {@code burst} requests at once, refilled evenly over {@code per}: 200 per 2 s is 100/s. */
  public record Rate(int burst, Duration per) {
    public Rate {
      if (burst < 1 || per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("a rate needs a burst >= 1 and a positive period");
      }
    }
  }

  /** Which limits apply; an absent rate is no limit. */
  public record Settings(
      Map<Group, Optional<Rate>> perAddress,
      Optional<Rate> ordersPerAccount,
      int maxTrackedClients) {
    public Settings {
      perAddress = Map.copyOf(perAddress);
    }
  }

  private record BucketKey(String scope, String client) {}

  /** Tokens left and when they were last topped up; guarded by the limiter's lock. */
  private static final class Bucket {
    final Rate rate;
    double tokens;
    long refilledAtMillis;

    Bucket(Rate rate, long now) {
      this.rate = rate;
      this.tokens = rate.burst();
      this.refilledAtMillis = now;
    }

    void refill(long now) {
      long elapsed = Math.max(0, now - refilledAtMillis);
      tokens =
          Math.min(rate.burst(), tokens + (double) elapsed * rate.burst() / rate.per().toMillis());
      refilledAtMillis = now;
    }
  }

  private final Settings settings;
  private final Authenticator auth;
  private final Clock clock;
  private final Map<Group, Rate> perAddress = new EnumMap<>(Group.class);
  private final BoundedLru<BucketKey, Bucket> buckets;

  public RequestRateLimits(Settings settings, Authenticator auth, Clock clock) {
    this.settings = settings;
    this.auth = auth;
    this.clock = clock;
    settings.perAddress().forEach((group, rate) -> rate.ifPresent(r -> perAddress.put(group, r)));
    this.buckets = new BoundedLru<>(settings.maxTrackedClients(), this::isFull);
  }

  /** The same routes, the limited ones checking their buckets before their handler runs. */
  public List<Route> guard(List<Route> routes) {
    return routes.stream()
        .map(
            route ->
                Group.of(route)
                    .map(
                        group ->
                            new Route(
                                route.method(),
                                route.path(),
                                ctx -> {
                                  admit(group, ctx);
                                  route.handler().handle(ctx);
                                }))
                    .orElse(route))
        .toList();
  }

  private void admit(Group group, Context ctx) {
    Rate addressRate = perAddress.get(group);
    if (addressRate != null) {
      take(new BucketKey(group.name(), ctx.ip()), addressRate, "from this address");
    }
    if (group == Group.ORDER_CREATION && settings.ordersPerAccount().isPresent()) {
      String userId;
      try {
        userId = auth.require(ctx).userId();
      } catch (ApiError unauthenticated) {
        return; // the handler answers 401 itself
      }
      take(
          new BucketKey("orders-per-account", userId),
          settings.ordersPerAccount().get(),
          "for this account");
    }
  }

  private synchronized void take(BucketKey key, Rate rate, String whose) {
    long now = clock.millis();
    Bucket bucket = buckets.getOrCreate(key, () -> new Bucket(rate, now));
    bucket.refill(now);
    if (bucket.tokens >= 1 - 1e-9) {
      bucket.tokens -= 1;
      return;
    }
    // the small epsilon keeps float noise from adding a whole second to an exact refill time
    long untilNextTokenMillis =
        (long) Math.ceil((1 - bucket.tokens) * rate.per().toMillis() / rate.burst() - 1e-6);
    long retryAfterSeconds = Math.max(1, (untilNextTokenMillis + 999) / 1000);
    throw new ApiError(
        429,
        "rate_limited",
        "too many requests " + whose + ", try again later",
        Map.of("retry_after_seconds", retryAfterSeconds));
  }

  /** A full bucket remembers nothing a fresh one would not: the first to go when space runs out. */
  private boolean isFull(Bucket bucket) {
    bucket.refill(clock.millis());
    return bucket.tokens >= bucket.rate.burst();
  }

  /** Buckets currently kept; for tests. */
  synchronized int trackedBuckets() {
    return buckets.size();
  }
}
