package orderpay.adapters.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Spans around work, the W3C {@code traceparent} that carries them between processes and through
 * database rows (outbox, notifications), and the log context ({@code trace_id}, {@code span_id} in
 * the MDC) that follows the current span.
 */
public final class Traces {
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String TRACEPARENT = "traceparent";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private Traces() {}

  /** The current span's {@code traceparent}, or null outside any span. */
  public static String currentTraceparent() {
    var holder = new String[1];
    inject(
        Context.current(),
        (name, value) -> {
          if (TRACEPARENT.equals(name)) {
            holder[0] = value;
          }
        });
    return holder[0];
  }

  /** The context a stored {@code traceparent} continues; the empty context if none or malformed. */
  public static Context parentFrom(String traceparent) {
    return traceparent == null || traceparent.isBlank()
        ? Context.root()
        : extract(name -> TRACEPARENT.equals(name) ? traceparent : null);
  }

  public static void inject(Context context, BiConsumer<String, String> header) {
    W3C.inject(context, header, BiConsumer::accept);
  }

  public static Context extract(Function<String, String> header) {
    return W3C.extract(
        Context.root(),
        header,
        new TextMapGetter<Function<String, String>>() {
          @Override
          public Iterable<String> keys(Function<String, String> carrier) {
            return List.of(TRACEPARENT, "tracestate");
          }

          @Override
          public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
          }
        });
  }

  /** True inside a span: instrumentation of inner work (transactions, calls) joins it. */
  public static boolean inTrace() {
    return Span.current().getSpanContext().isValid();
  }

  public static Span start(String name, SpanKind kind, Context parent) {
    return Telemetry.tracer().spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
  }

  /** Runs {@code work} as a child span of the current one; just runs it outside any trace. */
  public static <T> T child(String name, SpanKind kind, Supplier<T> work) {
    if (!inTrace()) {
      return work.get();
    }
    return within(start(name, kind, Context.current()), work);
  }

  /** Runs {@code work} in {@code span} (current, in the logs) and ends it, noting a failure. */
  public static <T> T within(Span span, Supplier<T> work) {
    try (var ignored = enter(span)) {
      return work.get();
    } catch (RuntimeException | Error failure) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
      throw failure;
    } finally {
      span.end();
    }
  }

  /** Makes {@code span} current and names it in the logs until the returned scope closes. */
  public static Entered enter(Span span) {
    Scope scope = span.makeCurrent();
    String traceBefore = MDC.get(TRACE_ID);
    String spanBefore = MDC.get(SPAN_ID);
    SpanContext context = span.getSpanContext();
    if (context.isValid()) {
      MDC.put(TRACE_ID, context.getTraceId());
      MDC.put(SPAN_ID, context.getSpanId());
    }
    return new Entered(scope, traceBefore, spanBefore);
  }

  /** A span made current; closing restores what was current (and logged) before. */
  public record Entered(Scope scope, String traceBefore, String spanBefore)
      implements AutoCloseable {
    @Override
    public void close() {
      scope.close();
      restore(TRACE_ID, traceBefore);
      restore(SPAN_ID, spanBefore);
    }

    private static void restore(String key, String value) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }
}
