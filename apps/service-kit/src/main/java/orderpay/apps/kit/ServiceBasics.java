package orderpay.apps.kit;

import orderpay.adapters.postgres.messaging.EventSerializer;

/**
 * What {@link ServiceKitModule} needs from an app before it can build anything: the service's
 * settings and how its events are written to the outbox. Each app's module provides one, so the kit
 * binds {@link ServiceSettings} and {@link EventSerializer} once for all six.
 */
public record ServiceBasics(ServiceSettings settings, EventSerializer serializer) {
  /** For a service that publishes no events of its own: its outbox carries only dead letters. */
  public static ServiceBasics publishingNothing(ServiceSettings settings) {
    return new ServiceBasics(
        settings,
        event -> {
          throw new IllegalArgumentException(
              "the " + settings.serviceName() + " publishes no " + event.getClass());
        });
  }
}
