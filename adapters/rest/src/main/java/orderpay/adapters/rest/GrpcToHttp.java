package orderpay.adapters.rest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import orderpay.adapters.grpc.GrpcErrors;

/**
 * Maps a downstream gRPC failure to the API error by status code (and the ErrorInfo reason the
 * service attached), never by message text. Server faults keep their message to themselves.
 */
public final class GrpcToHttp {
  /** The one reason whose HTTP status is finer than its gRPC code (Stripe's 422 rule). */
  static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";

  private GrpcToHttp() {}

  public static ApiError map(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    int http =
        switch (code) {
          case INVALID_ARGUMENT, OUT_OF_RANGE -> 400;
          case UNAUTHENTICATED -> 401;
          case PERMISSION_DENIED -> 403;
          case NOT_FOUND -> 404;
          case ALREADY_EXISTS, ABORTED, FAILED_PRECONDITION -> 409;
          case RESOURCE_EXHAUSTED -> 429;
          case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> 503;
          case OK, UNKNOWN, INTERNAL, UNIMPLEMENTED, DATA_LOSS -> 500;
        };
    String fallbackCode =
        switch (http) {
          case 400 -> "invalid_request";
          case 401 -> "unauthenticated";
          case 403 -> "forbidden";
          case 404 -> "not_found";
          case 409 -> code == Status.Code.FAILED_PRECONDITION ? "invalid_state" : "conflict";
          case 429 -> "rate_limited";
          case 503 -> "unavailable";
          default -> "internal";
        };
    if (http >= 500) {
      String message = http == 503 ? "a service is unavailable, try again" : "internal error";
      return new ApiError(http, fallbackCode, message, Map.of());
    }
    var info = GrpcErrors.errorInfo(e);
    String reason = info.map(i -> i.getReason()).filter(r -> !r.isBlank()).orElse(fallbackCode);
    String description = e.getStatus().getDescription();
    if (reason.equals(IDEMPOTENCY_KEY_REUSED)) {
      http = 422; // a well-formed request that contradicts the one its key was first used for
    }
    return new ApiError(
        http,
        reason,
        description == null ? fallbackCode : description,
        info.<Map<String, ?>>map(i -> i.getMetadataMap()).orElse(Map.of()));
  }
}
