package orderpay.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Strict reading of a JSON request body: it must be an object, fields have the declared JSON type
 * (no "5" for 5), and every refusal names the field. Unknown fields are ignored.
 */
public final class JsonBody {
  private final ObjectNode root;

  private JsonBody(ObjectNode root) {
    this.root = root;
  }

  /** The request's body, read strictly with the gateway's {@link Json#MAPPER}. */
  public static JsonBody of(Context ctx) {
    return parse(Json.MAPPER, ctx.bodyAsBytes());
  }

  public static JsonBody parse(ObjectMapper mapper, byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiError.invalid("request body is required");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.invalid("request body is not valid JSON");
    } catch (java.io.IOException e) {
      throw ApiError.invalid("request body could not be read");
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiError.invalid("request body must be a JSON object");
    }
    return new JsonBody(object);
  }

  public String requiredString(String field) {
    return required(field, optionalString(field));
  }

  public Optional<String> optionalString(String field) {
    return present(field)
        .map(value -> expect(field, value, value.isTextual(), "a string").textValue());
  }

  public long requiredLong(String field) {
    return required(field, optionalLong(field));
  }

  public Optional<Long> optionalLong(String field) {
    return present(field)
        .map(
            value ->
                expect(
                        field,
                        value,
                        value.isIntegralNumber() && value.canConvertToLong(),
                        "an integer")
                    .longValue());
  }

  /** A nested object field, read with the same strictness; absent or null is empty. */
  public Optional<JsonBody> optionalObject(String field) {
    return present(field)
        .map(
            value ->
                new JsonBody(
                    (ObjectNode) expect(field, value, value instanceof ObjectNode, "an object")));
  }

  /** A required, non-empty array of objects, each read with the same strictness. */
  public java.util.List<JsonBody> requiredObjects(String field, int max) {
    JsonNode value = required(field, present(field));
    if (!value.isArray() || value.isEmpty()) {
      throw ApiError.invalidField(field, field + " must be a non-empty array");
    }
    if (value.size() > max) {
      throw ApiError.invalidField(field, field + " has at most " + max + " entries");
    }
    var objects = new java.util.ArrayList<JsonBody>();
    for (JsonNode element : value) {
      if (!(element instanceof ObjectNode object)) {
        throw ApiError.invalidField(field, "each of " + field + " must be an object");
      }
      objects.add(new JsonBody(object));
    }
    return objects;
  }

  /** The field's value; absent and JSON null are both "not given". */
  private Optional<JsonNode> present(String field) {
    JsonNode value = root.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private static <T> T required(String field, Optional<T> value) {
    return value.orElseThrow(() -> ApiError.invalidField(field, field + " is required"));
  }

  /** The value if it has the declared JSON type; "5" for 5 is refused, naming the field. */
  private static JsonNode expect(String field, JsonNode value, boolean declaredType, String type) {
    if (!declaredType) {
      throw ApiError.invalidField(field, field + " must be " + type);
    }
    return value;
  }

  public boolean has(String field) {
    return root.has(field) && !root.get(field).isNull();
  }

  public ObjectNode raw() {
    return root;
  }
}
