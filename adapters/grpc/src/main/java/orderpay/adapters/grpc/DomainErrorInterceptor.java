package orderpay.adapters.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import orderpay.domain.shared.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions escaping a service method into statuses: domain refusals keep their meaning,
 * anything else becomes INTERNAL with no internals leaked (and is logged here, once).
 */
public final class DomainErrorInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(DomainErrorInterceptor.class);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    var delegate = next.startCall(call, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (DomainException e) {
          close(call, GrpcErrors.toStatus(e));
        } catch (StatusRuntimeException e) {
          close(call, e);
        } catch (RuntimeException e) {
          log.error("{} failed", call.getMethodDescriptor().getFullMethodName(), e);
          close(call, Status.INTERNAL.withDescription("internal error").asRuntimeException());
        }
      }
    };
  }

  private static void close(ServerCall<?, ?> call, StatusRuntimeException e) {
    Metadata trailers = e.getTrailers() == null ? new Metadata() : e.getTrailers();
    call.close(e.getStatus(), trailers);
  }
}
