package orderpay.adapters.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.Map;
import orderpay.adapters.telemetry.Traces;

/**
 * OpenTelemetry spans for gRPC: a CLIENT span around each call made inside a trace, a SERVER span
 * around each call served, joined by the W3C {@code traceparent} in the call's metadata. While a
 * call's callbacks run, its span is current and its ids are in the logs.
 */
public final class Tracing {
  private static final Map<String, Metadata.Key<String>> KEYS =
      Map.of(
          Traces.TRACEPARENT,
          Metadata.Key.of(Traces.TRACEPARENT, Metadata.ASCII_STRING_MARSHALLER),
          "tracestate",
          Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER));

  private Tracing() {}

  private static Metadata.Key<String> key(String name) {
    var key = KEYS.get(name);
    return key != null ? key : Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  private static void describe(Span span, MethodDescriptor<?, ?> method) {
    span.setAttribute("rpc.system", "grpc");
    span.setAttribute("rpc.service", String.valueOf(method.getServiceName()));
    span.setAttribute("rpc.method", String.valueOf(method.getBareMethodName()));
  }

  private static void finish(Span span, Status status) {
    span.setAttribute("rpc.grpc.status_code", status.getCode().value());
    if (!status.isOk()) {
      span.setStatus(StatusCode.ERROR, status.getCode().name());
    }
    span.end();
  }

  /** Client side: a span per call, its context sent along; calls outside a trace start none. */
  public static final class Client implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      if (!Traces.inTrace()) {
        return next.newCall(method, options);
      }
      Span span = Traces.start(method.getFullMethodName(), SpanKind.CLIENT, Context.current());
      describe(span, method);
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          Traces.inject(
              Context.current().with(span), (name, value) -> headers.put(key(name), value));
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onClose(Status status, Metadata trailers) {
                  finish(span, status);
                  super.onClose(status, trailers);
                }
              },
              headers);
        }
      };
    }
  }

  /** Server side: every callback of a call runs in the call's span, child of the caller's. */
  public static final class Server implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      Context parent = Traces.extract(name -> headers.get(key(name)));
      Span span =
          Traces.start(call.getMethodDescriptor().getFullMethodName(), SpanKind.SERVER, parent);
      describe(span, call.getMethodDescriptor());
      var statusNoted =
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
              span.setAttribute("rpc.grpc.status_code", status.getCode().value());
              if (!status.isOk()) {
                span.setStatus(StatusCode.ERROR, status.getCode().name());
              }
              super.close(status, trailers);
            }
          };
      ServerCall.Listener<Q> delegate;
      try (var entered = Traces.enter(span)) {
        delegate = next.startCall(statusNoted, headers);
      } catch (RuntimeException refused) {
        span.end();
        throw refused;
      }
      return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
        @Override
        public void onMessage(Q message) {
          try (var entered = Traces.enter(span)) {
            super.onMessage(message);
          }
        }

        @Override
        public void onHalfClose() {
          try (var entered = Traces.enter(span)) {
            super.onHalfClose();
          }
        }

        @Override
        public void onReady() {
          try (var entered = Traces.enter(span)) {
            super.onReady();
          }
        }

        @Override
        public void onCancel() {
          try (var entered = Traces.enter(span)) {
            super.onCancel();
          } finally {
            span.end();
          }
        }

        @Override
        public void onComplete() {
          try (var entered = Traces.enter(span)) {
            super.onComplete();
          } finally {
            span.end();
          }
        }
      };
    }
  }
}
