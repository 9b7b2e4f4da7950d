package orderpay.adapters.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The process's OpenTelemetry tracer. Spans are always made (their ids go into the logs and travel
 * in W3C {@code traceparent} headers between services) but only leave the process when an OTLP
 * endpoint is set ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, OTLP over HTTP with protobuf).
 *
 * <p>One per JVM, not per service: in the deployed shape a JVM is a service; in the sandbox every
 * service shares one JVM and one name. The first {@link #install} names the process ({@code
 * OTEL_SERVICE_NAME} wins, as in every OpenTelemetry SDK).
 */
public final class Telemetry {
  public static final String INSTRUMENTATION = "dev.orderpay";

  private static final ExportSwitch export = new ExportSwitch();
  private static SdkTracerProvider provider;
  private static volatile Tracer tracer;

  private Telemetry() {}

  /**
   * Names the process (first call only) and starts exporting if the environment asks for it. A
   * service process needs no call: its first span reads {@code OTEL_SERVICE_NAME} and {@code
   * OTEL_EXPORTER_OTLP_ENDPOINT}; the sandbox names itself before its services start.
   */
  public static synchronized void install(String serviceName, Map<String, String> environment) {
    if (provider == null) {
      build(environment.getOrDefault("OTEL_SERVICE_NAME", serviceName));
    }
    String endpoint = environment.get("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (endpoint != null && !endpoint.isBlank() && !export.isOn()) {
      exportTo(URI.create(endpoint.strip()));
    }
  }

  public static Tracer tracer() {
    Tracer current = tracer;
    if (current == null) {
      synchronized (Telemetry.class) {
        if (provider == null) {
          // a process nobody named: the standard variables decide, as OpenTelemetry's own do
          install("orderpay", System.getenv());
        }
        current = tracer;
      }
    }
    return current;
  }

  /**
   * Sends every span ended from now on to this OTLP/HTTP endpoint ({@code <endpoint>/v1/traces}).
   */
  public static synchronized void exportTo(URI endpoint) {
    tracer();
    String base = endpoint.toString().replaceAll("/+$", "");
    var exporter = OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build();
    export.turnOn(
        BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofMillis(500)).build());
  }

  /** Sends what is queued and stops exporting. */
  public static synchronized void stopExporting() {
    export.turnOff();
  }

  /** Sends what is queued now; true if it went out within the timeout. */
  public static boolean flush(Duration timeout) {
    return export.forceFlush().join(timeout.toMillis(), TimeUnit.MILLISECONDS).isSuccess();
  }

  private static void build(String serviceName) {
    provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"),
                                serviceName))))
            .addSpanProcessor(export)
            .build();
    tracer = provider.get(INSTRUMENTATION);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("telemetry-flush")
                .unstarted(() -> provider.shutdown().join(5, TimeUnit.SECONDS)));
  }

  /** A span processor that can start and stop exporting while the tracer provider lives. */
  private static final class ExportSwitch implements SpanProcessor {
    private volatile SpanProcessor target;

    boolean isOn() {
      return target != null;
    }

    void turnOn(SpanProcessor processor) {
      SpanProcessor before = target;
      target = processor;
      if (before != null) {
        before.shutdown().join(5, TimeUnit.SECONDS);
      }
    }

    void turnOff() {
      SpanProcessor before = target;
      target = null;
      if (before != null) {
        before.shutdown().join(5, TimeUnit.SECONDS);
      }
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      SpanProcessor current = target;
      if (current != null) {
        current.onEnd(span);
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
      SpanProcessor current = target;
      return current == null ? CompletableResultCode.ofSuccess() : current.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
      SpanProcessor current = target;
      target = null;
      return current == null ? CompletableResultCode.ofSuccess() : current.shutdown();
    }
  }
}
