package orderpay.apps.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Stripe error answer: {"error": {type, code, message, [decline_code], [payment_intent]}}. */
final class StripeError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  final int status;
  private final String type;
  private final String code;
  private final transient ObjectNode intent;
  private final String declineCode;

  StripeError(int status, String type, String code, String message, ObjectNode intent) {
    this(status, type, code, message, intent, null);
  }

  StripeError(
      int status, String type, String code, String message, ObjectNode intent, String declineCode) {
    // no stack trace: it is an answer to the client, not a failure of the emulator
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.intent = intent;
    this.declineCode = declineCode;
  }

  /** 404: the object the request names does not exist. */
  static StripeError missing(String message) {
    return new StripeError(404, "invalid_request_error", "resource_missing", message, null);
  }

  /** 400: the request is refused as invalid, with Stripe's error code (null for none). */
  static StripeError invalidRequest(String code, String message) {
    return invalidRequest(code, message, null);
  }

  /** 400, with the intent as it is now (Stripe adds it when the intent's state refused it). */
  static StripeError invalidRequest(String code, String message, ObjectNode intent) {
    return new StripeError(400, "invalid_request_error", code, message, intent);
  }

  String body() {
    var error = JsonNodeFactory.instance.objectNode();
    error.put("type", type);
    if (code != null) {
      error.put("code", code);
    }
    if (declineCode != null) {
      error.put("decline_code", declineCode);
    }
    error.put("message", getMessage());
    if (intent != null) {
      error.set("payment_intent", intent);
    }
    var body = JsonNodeFactory.instance.objectNode();
    body.set("error", error);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
