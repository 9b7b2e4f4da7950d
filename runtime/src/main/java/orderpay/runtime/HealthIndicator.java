package orderpay.runtime;

import java.util.List;

/**
 * Something a service needs in order to do its work (a consumer loop, a job) that can say whether
 * it currently can. A service is ready only while every indicator it runs is healthy.
 */
@FunctionalInterface
public interface HealthIndicator {
  Health health();

  /** Healthy, or unhealthy with a reason an operator can act on. */
  sealed interface Health {
    record Healthy() implements Health {}

    record Unhealthy(String reason) implements Health {}

    Health HEALTHY = new Healthy();
  }

  /** Unhealthy while any of {@code indicators} is, with every reason joined. */
  static HealthIndicator allOf(List<? extends HealthIndicator> indicators) {
    List<HealthIndicator> parts = List.copyOf(indicators);
    return () -> {
      var reasons =
          parts.stream()
              .map(HealthIndicator::health)
              .<String>mapMulti(
                  (health, out) -> {
                    switch (health) {
                      case Health.Healthy healthy -> {}
                      case Health.Unhealthy(String reason) -> out.accept(reason);
                    }
                  })
              .toList();
      return reasons.isEmpty() ? Health.HEALTHY : new Health.Unhealthy(String.join("; ", reasons));
    };
  }
}
