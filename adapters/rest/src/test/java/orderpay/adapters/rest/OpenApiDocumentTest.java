package orderpay.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every route the gateway serves is in /openapi.json, and the document lists nothing it lacks. */
class OpenApiDocumentTest {
  private static final java.util.Set<String> OPERATIONS =
      java.util.Set.of("/health/live", "/health/ready", "/metrics", "/openapi.json", "/docs");

  private static JsonNode document() throws Exception {
    try (var in = GatewayServer.class.getResourceAsStream("/openapi.json")) {
      return Json.MAPPER.readTree(in);
    }
  }

  private static Stream<Route> servedRoutes() {
    // the route classes only list their handlers here; the stubs are never called
    return Stream.of(
            new UserRoutes(null, null, null).routes(),
            new CatalogRoutes(null, null, null).routes(),
            new OrderRoutes(null, null, null).routes(),
            new NotificationRoutes(null, null).routes(),
            new AdminDeadLetterRoutes(null, null).routes(),
            new AdminOrderRoutes(null, null, null, null, null).routes(),
            new AdminReconciliationRoutes(null, null, null, null, null).routes(),
            new AdminOverviewRoutes(null, null, java.util.List.of(), null, null, null).routes(),
            Storefront.load(StorefrontSettings.TEST_CARDS).routes())
        .flatMap(java.util.List::stream);
  }

  @Test
  void everyServedRouteIsDocumented() throws Exception {
    var paths = document().get("paths");
    servedRoutes()
        .forEach(
            route -> {
              var item = paths.get(route.path());
              assertThat(item).as("path %s", route.path()).isNotNull();
              assertThat(item.has(route.method().name().toLowerCase(Locale.ROOT)))
                  .as("%s %s", route.method(), route.path())
                  .isTrue();
            });
  }

  @Test
  void everyDocumentedApiOperationIsServed() throws Exception {
    var served = servedRoutes().map(r -> r.method().name() + " " + r.path()).toList();
    var documented = new ArrayList<String>();
    document()
        .get("paths")
        .properties()
        .forEach(
            path -> {
              if (!OPERATIONS.contains(path.getKey())) {
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
              }
            });
    assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
  }

  /** What Redocly's recommended rules require, so generated clients and linters accept it. */
  @Test
  void everyOperationHasAnIdSecurityAndAClientErrorAndTheDocumentNamesItsServer() throws Exception {
    var doc = document();
    assertThat(doc.path("servers").isArray() && !doc.path("servers").isEmpty()).isTrue();
    var ids = new ArrayList<String>();
    doc.get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method -> {
                          var op = method.getValue();
                          String name = method.getKey() + " " + path.getKey();
                          assertThat(op.path("operationId").asText()).as(name).isNotBlank();
                          ids.add(op.path("operationId").asText());
                          assertThat(op.has("security") || doc.has("security")).as(name).isTrue();
                          var codes = new ArrayList<String>();
                          op.get("responses").fieldNames().forEachRemaining(codes::add);
                          assertThat(codes).as(name).anyMatch(code -> code.startsWith("4"));
                        }));
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void everyReferenceResolves() throws Exception {
    var doc = document();
    var refs = new ArrayList<String>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  private static void collectRefs(JsonNode node, java.util.List<String> refs) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              field -> {
                if (field.getKey().equals("$ref")) {
                  refs.add(field.getValue().asText());
                } else {
                  collectRefs(field.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(element -> collectRefs(element, refs));
    }
  }
}
