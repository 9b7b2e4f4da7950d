package orderpay.domain.shared;

import java.util.Map;

/**
 * A business rule refused a request. Carries a stable machine-readable {@code reason} (the API
 * error code, e.g. {@code email_taken}) and data for the caller; never a stack trace to users.
 */
public class DomainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String reason;
  private final Map<String, String> details;

  public DomainException(
      ErrorKind kind, String reason, String message, Map<String, String> details) {
    super(message, null, false, false);
    this.kind = kind;
    this.reason = reason;
    this.details = Map.copyOf(details);
  }

  public DomainException(ErrorKind kind, String reason, String message) {
    this(kind, reason, message, Map.of());
  }

  public static DomainException invalid(String message) {
    return new DomainException(ErrorKind.INVALID_ARGUMENT, "invalid_request", message);
  }

  public static DomainException invalidField(String field, String message) {
    return new DomainException(
        ErrorKind.INVALID_ARGUMENT, "invalid_request", message, Map.of("field", field));
  }

  public static DomainException notFound(String what, String id) {
    return new DomainException(
        ErrorKind.NOT_FOUND, "not_found", what + " not found", Map.of("id", id));
  }

  public static DomainException unauthenticated(String message) {
    return new DomainException(ErrorKind.UNAUTHENTICATED, "unauthenticated", message);
  }

  public static DomainException invalidState(String message) {
    return new DomainException(ErrorKind.INVALID_STATE, "invalid_state", message);
  }

  public ErrorKind kind() {
    return kind;
  }

  public String reason() {
    return reason;
  }

  public Map<String, String> details() {
    return details;
  }
}
