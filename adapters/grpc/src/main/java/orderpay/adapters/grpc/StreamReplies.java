package orderpay.adapters.grpc;

import io.grpc.stub.StreamObserver;

/** Unary replies: one message, then completion. */
public final class StreamReplies {
  private StreamReplies() {}

  public static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
