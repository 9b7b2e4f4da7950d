package orderpay.adapters.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * One trace id per client request, carried in the logging context (MDC {@code trace_id}), in gRPC
 * metadata between services, and in Kafka headers through the outbox: a request can be followed
 * across every service's log.
 */
public final class Tracing {
  public static final String MDC_KEY = "trace_id";
  public static final Metadata.Key<String> HEADER =
      Metadata.Key.of("x-trace-id", Metadata.ASCII_STRING_MARSHALLER);
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Tracing() {}

  /**
   * The caller's id if it is a safe token, otherwise a fresh one: never log what a client injects.
   */
  public static String acceptOrCreate(String offered) {
    return offered != null && SAFE.matcher(offered).matches()
        ? offered
        : UUID.randomUUID().toString();
  }

  /** Client side: forwards the current trace id. */
  public static final class Client implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          String traceId = MDC.get(MDC_KEY);
          if (traceId != null) {
            headers.put(HEADER, traceId);
          }
          super.start(listener, headers);
        }
      };
    }
  }

  /** Server side: every callback of a call runs with the caller's trace id in the MDC. */
  public static final class Server implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      String traceId = acceptOrCreate(headers.get(HEADER));
      var delegate = within(traceId, () -> next.startCall(call, headers));
      return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
        @Override
        public void onMessage(Q message) {
          within(traceId, () -> super.onMessage(message));
        }

        @Override
        public void onHalfClose() {
          within(traceId, super::onHalfClose);
        }

        @Override
        public void onCancel() {
          within(traceId, super::onCancel);
        }

        @Override
        public void onComplete() {
          within(traceId, super::onComplete);
        }
      };
    }

    private static void within(String traceId, Runnable work) {
      within(
          traceId,
          () -> {
            work.run();
            return null;
          });
    }

    private static <T> T within(String traceId, java.util.function.Supplier<T> work) {
      MDC.put(MDC_KEY, traceId);
      try {
        return work.get();
      } finally {
        MDC.remove(MDC_KEY);
      }
    }
  }
}
