package orderpay.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /docs is Swagger UI over /openapi.json, every asset served by the gateway itself (offline). */
class DocsPageTest {
  @RegisterExtension static final GatewayPagesExtension gateway = new GatewayPagesExtension();

  private static HttpResponse<String> get(String path) throws Exception {
    return gateway.get(path);
  }

  @Test
  void thePageLoadsSwaggerUiFromTheGatewayAndEveryAssetItNamesIsThere() throws Exception {
    var page = get("/docs");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    var assets =
        java.util.regex.Pattern.compile("(?:src|href)=\"(/docs/ui/[^\"]+)\"")
            .matcher(page.body())
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(assets)
        .contains(
            "/docs/ui/swagger-ui-bundle.js",
            "/docs/ui/swagger-ui.css",
            "/docs/ui/orderpay-init.js");
    assertThat(page.body()).doesNotContain("https://", "http://");
    for (String asset : assets) {
      var answer = get(asset);
      assertThat(answer.statusCode()).as(asset).isEqualTo(200);
      assertThat(answer.body()).as(asset).isNotEmpty();
    }
    assertThat(get("/docs/ui/orderpay-init.js").body())
        .contains("'/openapi.json'", "tryItOutEnabled: true");
    assertThat(get("/docs/ui/swagger-ui-bundle.js").headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
  }

  @Test
  void onlyTheKnownAssetsAreServed() throws Exception {
    assertThat(get("/docs/ui/pom.properties").statusCode()).isEqualTo(404);
    assertThat(get("/docs/ui/..%2F..%2Fopenapi.json").statusCode()).isEqualTo(404);
  }
}
