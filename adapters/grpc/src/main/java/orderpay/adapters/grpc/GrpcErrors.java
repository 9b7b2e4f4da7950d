package orderpay.adapters.grpc;

import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import java.util.Optional;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/**
 * The one place a domain refusal becomes a gRPC status: the kind picks the status code, and the
 * reason and details travel as a {@code google.rpc.ErrorInfo}, so clients map by code and reason,
 * never by message text.
 */
public final class GrpcErrors {
  public static final String DOMAIN = "orderpay";

  private GrpcErrors() {}

  public static Status.Code codeOf(ErrorKind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
      case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
      case FORBIDDEN -> Status.Code.PERMISSION_DENIED;
      case NOT_FOUND -> Status.Code.NOT_FOUND;
      case CONFLICT -> Status.Code.ALREADY_EXISTS;
      case INVALID_STATE -> Status.Code.FAILED_PRECONDITION;
      case UNAVAILABLE -> Status.Code.UNAVAILABLE;
    };
  }

  public static StatusRuntimeException toStatus(DomainException e) {
    var info =
        ErrorInfo.newBuilder().setReason(e.reason()).setDomain(DOMAIN).putAllMetadata(e.details());
    var status =
        com.google.rpc.Status.newBuilder()
            .setCode(codeOf(e.kind()).value())
            .setMessage(e.getMessage() == null ? "" : e.getMessage())
            .addDetails(com.google.protobuf.Any.pack(info.build()))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }

  /** The ErrorInfo a server attached, if any. */
  public static Optional<ErrorInfo> errorInfo(Throwable t) {
    var status = StatusProto.fromThrowable(t);
    if (status == null) {
      return Optional.empty();
    }
    return status.getDetailsList().stream()
        .filter(any -> any.is(ErrorInfo.class))
        .findFirst()
        .map(
            any -> {
              try {
                return any.unpack(ErrorInfo.class);
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                return ErrorInfo.getDefaultInstance();
              }
            });
  }

  /**
   * A downstream refusal as a domain refusal of the same kind and reason, so a use case calling
   * another service sees the same exception it would see in-process. Transport failures become
   * UNAVAILABLE.
   */
  public static DomainException toDomain(io.grpc.StatusRuntimeException e) {
    var info = errorInfo(e);
    String reason = info.map(ErrorInfo::getReason).filter(r -> !r.isBlank()).orElse("unavailable");
    String message =
        e.getStatus().getDescription() == null ? reason : e.getStatus().getDescription();
    Map<String, String> details = info.map(ErrorInfo::getMetadataMap).orElse(Map.of());
    ErrorKind kind =
        switch (e.getStatus().getCode()) {
          case INVALID_ARGUMENT, OUT_OF_RANGE -> ErrorKind.INVALID_ARGUMENT;
          case UNAUTHENTICATED -> ErrorKind.UNAUTHENTICATED;
          case PERMISSION_DENIED -> ErrorKind.FORBIDDEN;
          case NOT_FOUND -> ErrorKind.NOT_FOUND;
          case ALREADY_EXISTS, ABORTED -> ErrorKind.CONFLICT;
          case FAILED_PRECONDITION -> ErrorKind.INVALID_STATE;
          default -> ErrorKind.UNAVAILABLE;
        };
    return new DomainException(
        kind, kind == ErrorKind.UNAVAILABLE ? "unavailable" : reason, message, details);
  }

  public static Map<String, String> details(Throwable t) {
    return errorInfo(t).map(ErrorInfo::getMetadataMap).orElse(Map.of());
  }
}
