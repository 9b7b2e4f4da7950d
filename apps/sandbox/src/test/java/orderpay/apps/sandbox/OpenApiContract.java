package orderpay.apps.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.OpenApi31;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import orderpay.adapters.rest.Json;

/**
 * The gateway's OpenAPI 3.1 document as a judge of real responses: which operation a request
 * reached, and what about its answer the document does not allow (an undocumented status, another
 * content type, a body its schema rejects).
 */
final class OpenApiContract {
  /** The name the document is registered under so relative $refs resolve; never fetched. */
  private static final String DOCUMENT_IRI = "https://orderpay.test/openapi.json";

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** One method on one path of the document. */
  record Operation(String method, String path, String id, Pattern concretePaths, JsonNode node) {
    /** The documented status keys: "200", "4XX", "default". */
    Set<String> statuses() {
      var statuses = new TreeSet<String>();
      node.path("responses").fieldNames().forEachRemaining(statuses::add);
      return statuses;
    }

    @Override
    public String toString() {
      return id + " (" + method + " " + path + ")";
    }
  }

  private final JsonNode document;
  private final List<Operation> operations;
  private final SchemaRegistry schemas;

  private OpenApiContract(JsonNode document, List<Operation> operations, SchemaRegistry schemas) {
    this.document = document;
    this.operations = operations;
    this.schemas = schemas;
  }

  static OpenApiContract parse(String text) {
    JsonNode document;
    try {
      document = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI document is not JSON", e);
    }
    var operations = new ArrayList<Operation>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method -> {
                          if (METHODS.contains(method.getKey())) {
                            operations.add(
                                new Operation(
                                    method.getKey().toUpperCase(Locale.ROOT),
                                    path.getKey(),
                                    method.getValue().path("operationId").asText(),
                                    concretePaths(path.getKey()),
                                    method.getValue()));
                          }
                        }));
    // a literal path wins over a template that would also match it
    operations.sort(
        Comparator.comparingLong(op -> op.path().chars().filter(c -> c == '{').count()));
    // OpenAPI 3.1 schemas are JSON Schema 2020-12 with the OAS vocabulary; formats are asserted
    var schemas =
        SchemaRegistry.withDefaultDialect(
            OpenApi31.getInstance(),
            registry ->
                registry
                    .schemas(Map.of(DOCUMENT_IRI, text))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    return new OpenApiContract(document, List.copyOf(operations), schemas);
  }

  private static Pattern concretePaths(String template) {
    var regex = new StringBuilder("^");
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.append("$").toString());
  }

  List<Operation> operations() {
    return operations;
  }

  /** The documented operation a request reaches, by method and path (without the query). */
  Optional<Operation> operation(String method, String path) {
    return operations.stream()
        .filter(op -> op.method().equals(method) && op.concretePaths().matcher(path).matches())
        .findFirst();
  }

  /** Everything about this response the operation does not document; empty if it conforms. */
  List<String> violations(Operation operation, int status, String contentType, String body) {
    var documented = documentedResponse(operation, status);
    if (documented.isEmpty()) {
      return List.of(
          "status %d is not documented (only %s)".formatted(status, operation.statuses()));
    }
    String pointer = documented.get();
    JsonNode content = document.at(pointer).path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      return body.isEmpty()
          ? List.of()
          : List.of("status %d documents no body, got %s".formatted(status, contentType));
    }
    String mediaType = mediaType(contentType);
    Optional<String> declared = declaredMediaType(content, mediaType);
    if (declared.isEmpty()) {
      return List.of(
          "status %d documents %s, got %s"
              .formatted(status, iterable(content.fieldNames()), contentType));
    }
    if (!isJson(mediaType) || !content.path(declared.get()).has("schema")) {
      return List.of();
    }
    String schemaPointer = pointer + "/content/" + escape(declared.get()) + "/schema";
    var schema = schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + schemaPointer));
    try {
      return schema.validate(body, InputFormat.JSON).stream()
          .map(error -> "status %d body: %s".formatted(status, error.toString()))
          .toList();
    } catch (RuntimeException notJson) {
      return List.of("status %d body is not JSON: %s".formatted(status, notJson.getMessage()));
    }
  }

  /** The JSON pointer of the response object documenting this status, its $ref followed. */
  private Optional<String> documentedResponse(Operation operation, int status) {
    JsonNode responses = operation.node().path("responses");
    String base =
        "/paths/%s/%s/responses/"
            .formatted(escape(operation.path()), operation.method().toLowerCase(Locale.ROOT));
    for (String key : List.of(String.valueOf(status), status / 100 + "XX", "default")) {
      if (responses.has(key)) {
        String pointer = base + escape(key);
        while (document.at(pointer).has("$ref")) {
          pointer = document.at(pointer).get("$ref").asText().substring(1); // "#/components/..."
        }
        return Optional.of(pointer);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> declaredMediaType(JsonNode content, String mediaType) {
    for (String declared : iterable(content.fieldNames())) {
      String type = declared.toLowerCase(Locale.ROOT);
      boolean matches =
          type.equals(mediaType)
              || type.equals("*/*")
              || (type.endsWith("/*")
                  && mediaType.startsWith(type.substring(0, type.length() - 1)));
      if (matches) {
        return Optional.of(declared);
      }
    }
    return Optional.empty();
  }

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** A JSON pointer segment (RFC 6901). */
  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    var list = new ArrayList<String>();
    names.forEachRemaining(list::add);
    return list;
  }
}
