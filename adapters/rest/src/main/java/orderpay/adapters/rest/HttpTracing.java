package orderpay.adapters.rest;

import io.javalin.http.Context;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.UUID;
import java.util.regex.Pattern;
import orderpay.adapters.telemetry.Traces;
import org.slf4j.MDC;

/**
 * A SERVER span for each API request (continuing the client's W3C {@code traceparent} if it sent
 * one), and the request id: the client's {@code X-Request-Id} if it is a safe token, else the trace
 * id, echoed back so a support request can name the trace. Health, metrics and docs make no spans.
 */
final class HttpTracing {
  static final String REQUEST_ID = "request_id";
  private static final String SPAN = "orderpay.trace.span";
  private static final String ENTERED = "orderpay.trace.entered";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private HttpTracing() {}

  static void start(Context ctx) {
    String offered = ctx.header("X-Request-Id");
    String requestId = offered != null && SAFE.matcher(offered).matches() ? offered : null;
    if (ctx.path().startsWith("/api/")) {
      Span span = Traces.start(ctx.method().name(), SpanKind.SERVER, Traces.extract(ctx::header));
      span.setAttribute("http.request.method", ctx.method().name());
      if (requestId != null) {
        span.setAttribute("orderpay.request_id", requestId);
      } else {
        requestId = span.getSpanContext().getTraceId();
      }
      ctx.attribute(SPAN, span);
      ctx.attribute(ENTERED, Traces.enter(span));
    }
    if (requestId == null) {
      requestId = UUID.randomUUID().toString();
    }
    MDC.put(REQUEST_ID, requestId);
    ctx.header("X-Request-Id", requestId);
  }

  static void finish(Context ctx) {
    MDC.remove(REQUEST_ID);
    Span span = ctx.attribute(SPAN);
    Traces.Entered entered = ctx.attribute(ENTERED);
    if (span == null || entered == null) {
      return;
    }
    var endpoint = ctx.endpoints().matchedHttpEndpoint();
    // the route template names the span, never the raw path with its ids
    String route = endpoint == null ? "unmatched" : endpoint.path;
    span.updateName(ctx.method().name() + " " + route);
    span.setAttribute("http.route", route);
    span.setAttribute("http.response.status_code", ctx.statusCode());
    if (ctx.statusCode() >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    entered.close();
    span.end();
  }
}
