package orderpay.apps.stripe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signs and posts events to the webhook URL like Stripe: asynchronously, retried on failure. */
final class WebhookSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final int ATTEMPTS = 5;
  static final String EVERY_EVENT = "*";

  private volatile String url;
  private final String secret;
  private final Faults faults;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private String held; // reorder: an event waiting for the next one to overtake it
  private volatile Set<String> enabledEvents = Set.of(EVERY_EVENT);

  WebhookSender(String url, String secret, Faults faults) {
    this.url = url;
    this.secret = secret;
    this.faults = faults;
  }

  void target(String webhookUrl) {
    this.url = webhookUrl;
  }

  /** The event types the endpoint subscribes to, as a Stripe endpoint's enabled_events. */
  void enable(Set<String> eventTypes) {
    if (eventTypes.isEmpty()) {
      throw new IllegalArgumentException("a webhook endpoint subscribes to at least one event");
    }
    this.enabledEvents = Set.copyOf(eventTypes);
  }

  /** Whether an event of this type goes to the endpoint at all (Stripe sends no other). */
  boolean wants(String eventType) {
    Set<String> enabled = enabledEvents;
    return enabled.contains(EVERY_EVENT) || enabled.contains(eventType);
  }

  void send(String eventJson) {
    if (url == null || url.isBlank() || faults.drop) {
      return;
    }
    if (faults.reorder) {
      String previous;
      synchronized (this) {
        previous = held;
        held = previous == null ? eventJson : null;
      }
      if (previous == null) {
        // nothing to swap with yet: send it anyway if nothing overtakes it soon
        executor.submit(
            () -> {
              sleep(Duration.ofMillis(500));
              String stillHeld;
              synchronized (this) {
                stillHeld = held == eventJson ? eventJson : null;
                if (stillHeld != null) {
                  held = null;
                }
              }
              if (stillHeld != null) {
                deliver(stillHeld);
              }
            });
        return;
      }
      dispatch(eventJson);
      dispatch(previous);
      return;
    }
    dispatch(eventJson);
  }

  private void dispatch(String eventJson) {
    executor.submit(
        () -> {
          sleep(faults.delay);
          deliver(eventJson);
          if (faults.duplicate) {
            deliver(eventJson);
          }
        });
  }

  private void deliver(String eventJson) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      var request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json; charset=utf-8")
              .header(
                  "Stripe-Signature",
                  WebhookSignature.header(eventJson, secret, System.currentTimeMillis() / 1000))
              .POST(HttpRequest.BodyPublishers.ofString(eventJson))
              .build();
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return;
        }
        log.warn("webhook answered {} (attempt {})", status, attempt);
      } catch (Exception e) {
        log.warn("webhook delivery failed (attempt {}): {}", attempt, e.toString());
      }
      sleep(Duration.ofMillis(200L << attempt));
    }
    log.error("gave up delivering a webhook event after {} attempts", ATTEMPTS);
  }

  private static void sleep(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
