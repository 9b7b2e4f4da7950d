package orderpay.adapters.rest;

import java.util.Map;

/** An error the gateway answers with the API.md body: {@code {"error":{code,message,details}}}. */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Map<String, ?> details;

  public ApiError(int status, String code, String message, Map<String, ?> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = Map.copyOf(details);
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public static ApiError invalid(String message) {
    return new ApiError(400, "invalid_request", message);
  }

  public static ApiError invalidField(String field, String message) {
    return new ApiError(400, "invalid_request", message, Map.of("field", field));
  }

  public static ApiError unauthenticated(String message) {
    return new ApiError(401, "unauthenticated", message);
  }

  public static ApiError forbidden() {
    return new ApiError(403, "forbidden", "this action needs the admin role");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, ?> details() {
    return details;
  }
}
