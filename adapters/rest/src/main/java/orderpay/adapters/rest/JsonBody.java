package orderpay.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    return optionalString(field)
        .orElseThrow(() -> ApiError.invalidField(field, field + " is required"));
  }

  public Optional<String> optionalString(String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiError.invalidField(field, field + " must be a string");
    }
    return Optional.of(value.textValue());
  }

  public long requiredLong(String field) {
    return optionalLong(field)
        .orElseThrow(() -> ApiError.invalidField(field, field + " is required"));
  }

  public Optional<Long> optionalLong(String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw ApiError.invalidField(field, field + " must be an integer");
    }
    return Optional.of(value.longValue());
  }

  /** A nested object field, read with the same strictness; absent or null is empty. */
  public Optional<JsonBody> optionalObject(String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!(value instanceof ObjectNode object)) {
      throw ApiError.invalidField(field, field + " must be an object");
    }
    return Optional.of(new JsonBody(object));
  }

  /** A required, non-empty array of objects, each read with the same strictness. */
  public java.util.List<JsonBody> requiredObjects(String field, int max) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      throw ApiError.invalidField(field, field + " is required");
    }
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

  public boolean has(String field) {
    return root.has(field) && !root.get(field).isNull();
  }

  public ObjectNode raw() {
    return root;
  }
}
