package orderpay.apps.kit;

import dagger.BindsInstance;
import java.time.Clock;
import java.util.function.Function;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.postgres.Database;
import orderpay.runtime.Env;
import orderpay.runtime.Lifecycle;

/**
 * The contract of every backend service's Dagger component: it extends this interface, its module
 * includes {@link ServiceKitModule} (which binds the first four) and provides the service's {@link
 * ServiceParts}; its factory extends {@link Factory}. Starting, stopping and {@code main} are then
 * written once, here and in {@link RunningService}.
 */
public interface BackendService {
  ServiceSettings settings();

  Database database();

  KafkaOutboxRelay relay();

  ServiceMetrics metrics();

  /** What the app adds; its module provides it. */
  ServiceParts parts();

  /**
   * Builds the graph in the order it is needed (the database, migrated, first; the app's parts
   * last), then starts it; {@link RunningService} says in which order things start and stop.
   */
  default RunningService start() {
    var settings = settings();
    var database = database();
    var relay = relay();
    var metrics = metrics();
    return RunningService.start(settings, database, relay, metrics, parts());
  }

  /** The component's factory: its config and the clock are what each app binds from outside. */
  interface Factory<C> {
    BackendService create(@BindsInstance C config, @BindsInstance Clock clock);
  }

  /** A service's {@code main}: config from the environment, start, run until SIGTERM, stop. */
  static <C> void runUntilShutdown(Factory<C> factory, Function<Env, C> configFromEnv)
      throws InterruptedException {
    var service = factory.create(configFromEnv.apply(Env.system()), Clock.systemUTC());
    Lifecycle.runUntilShutdown(service.start(), service.settings().serviceName());
  }
}
