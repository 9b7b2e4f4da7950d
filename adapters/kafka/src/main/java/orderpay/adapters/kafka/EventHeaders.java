package orderpay.adapters.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The event envelope travels in Kafka headers; the value is the bare protobuf payload. Each record
 * also carries the CloudEvents 1.0 Kafka binding's binary-mode headers ({@code ce_*} and {@code
 * content-type}), so generic tools (CloudEvents SDKs, Knative, event catalogues) can read it.
 */
public final class EventHeaders {
  public static final String EVENT_ID = "event_id";
  public static final String EVENT_TYPE = "event_type";
  public static final String SCHEMA_VERSION = "schema_version";
  public static final String OCCURRED_AT = "occurred_at";
  public static final String CE_SPECVERSION = "ce_specversion";
  public static final String CE_ID = "ce_id";
  public static final String CE_SOURCE = "ce_source";
  public static final String CE_TYPE = "ce_type";
  public static final String CE_TIME = "ce_time";
  public static final String CE_SUBJECT = "ce_subject";
  public static final String CONTENT_TYPE = "content-type";

  /**
   * CloudEvents' distributed-tracing extension: the W3C trace context rides as {@code
   * ce_traceparent} (and {@code ce_tracestate}).
   */
  public static final String CE_PREFIX = "ce_";

  public static final String CE_TRACEPARENT = CE_PREFIX + "traceparent";

  /**
   * CloudEvents types are reverse-DNS qualified: {@code order.paid} is {@code
   * dev.orderpay.order.paid}.
   */
  public static final String CE_TYPE_PREFIX = "dev.orderpay.";

  public static final String DLQ_ERROR = "dlq_error";
  public static final String DLQ_ATTEMPTS = "dlq_attempts";
  public static final String DLQ_SOURCE = "dlq_source";

  private EventHeaders() {}

  public static void put(Headers headers, String name, String value) {
    if (value != null) {
      headers.remove(name);
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  public static Optional<String> get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }
}
