package orderpay.apps.kit;

import java.time.Duration;
import orderpay.runtime.HealthIndicator;
import orderpay.runtime.HealthIndicator.Health;
import orderpay.runtime.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a service's readiness in line with the health of what it runs: checks every indicator at a
 * fixed interval and reports NOT_SERVING while any is unhealthy, SERVING again once all recover.
 * Each change is logged with its reason, since the health protocol itself carries none.
 */
final class Readiness implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Readiness.class);

  /** Receives the service's readiness whenever it changes. */
  @FunctionalInterface
  interface Listener {
    void serving(boolean ready);
  }

  private final String serviceName;
  private final HealthIndicator indicator;
  private final Listener listener;
  private boolean ready = true; // the server starts SERVING

  private Readiness(String serviceName, HealthIndicator indicator, Listener listener) {
    this.serviceName = serviceName;
    this.indicator = indicator;
    this.listener = listener;
  }

  static PeriodicJob watch(
      String serviceName, HealthIndicator indicator, Listener listener, Duration every) {
    return PeriodicJob.start(
        serviceName + "-readiness", every, new Readiness(serviceName, indicator, listener));
  }

  @Override
  public void run() {
    switch (indicator.health()) {
      case Health.Healthy healthy -> {
        if (!ready) {
          log.info("{} is ready again", serviceName);
          ready = true;
          listener.serving(true);
        }
      }
      case Health.Unhealthy(String reason) -> {
        if (ready) {
          log.warn("{} is not ready: {}", serviceName, reason);
          ready = false;
          listener.serving(false);
        }
      }
    }
  }
}
