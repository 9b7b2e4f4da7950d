package orderpay.adapters.telemetry;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP trace receiver on loopback, as a collector would be: takes {@code POST /v1/traces}
 * bodies ({@code ExportTraceServiceRequest}, the OpenTelemetry protocol's own messages) and keeps
 * every span it was sent.
 */
public final class OtlpReceiver implements AutoCloseable {
  /** One received span, flattened: ids in lowercase hex as they appear in a traceparent. */
  public record ReceivedSpan(
      String service, String traceId, String spanId, String parentSpanId, String name, int kind) {}

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  public OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (exchange) {
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            try {
              keep(ExportTraceServiceRequest.parseFrom(exchange.getRequestBody()));
            } catch (RuntimeException | Error | IOException unreadable) {
              problems.add(unreadable.toString());
              exchange.sendResponseHeaders(400, -1);
              return;
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
          }
        });
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<ReceivedSpan> spans() {
    return new ArrayList<>(spans);
  }

  public List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  /** Requests it could not read: none, when the exporter speaks OTLP. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  public List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  private void keep(ExportTraceServiceRequest request) {
    var hex = HexFormat.of();
    for (var resourceSpans : request.getResourceSpansList()) {
      String service =
          resourceSpans.getResource().getAttributesList().stream()
              .filter(a -> a.getKey().equals("service.name"))
              .map(a -> a.getValue().getStringValue())
              .findFirst()
              .orElse("");
      for (var scopeSpans : resourceSpans.getScopeSpansList()) {
        for (var span : scopeSpans.getSpansList()) {
          spans.add(
              new ReceivedSpan(
                  service,
                  hex.formatHex(span.getTraceId().toByteArray()),
                  hex.formatHex(span.getSpanId().toByteArray()),
                  hex.formatHex(span.getParentSpanId().toByteArray()),
                  span.getName(),
                  span.getKindValue()));
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
