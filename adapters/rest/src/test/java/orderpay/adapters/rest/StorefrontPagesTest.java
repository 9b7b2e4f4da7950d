package orderpay.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storefront's files come from the gateway itself: every page path answers the one HTML page
 * under a strict Content-Security-Policy, every module it imports is served, nothing names another
 * origin, and the pages call only the public API.
 */
class StorefrontPagesTest {
  @RegisterExtension static final GatewayPagesExtension gateway = new GatewayPagesExtension();

  private static HttpResponse<String> get(String path) throws Exception {
    return gateway.get(path);
  }

  @Test
  void everyPagePathAnswersTheShopUnderAStrictPolicy() throws Exception {
    for (String path :
        List.of(
            "/",
            "/products/0190a1b2-0000-7000-8000-000000000000",
            "/cart",
            "/checkout",
            "/login",
            "/signup",
            "/orders",
            "/orders/0190a1b2-0000-7000-8000-000000000000",
            "/notifications",
            "/admin")) {
      var page = get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValue(Storefront.CONTENT_SECURITY_POLICY);
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/app.js\">");
    }
    assertThat(Storefront.CONTENT_SECURITY_POLICY)
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http");
  }

  @Test
  void everyFileThePagesNameIsServedAndNoneReachesAnotherOriginOrAPrivateRoute() throws Exception {
    var page = get("/").body();
    var pending = new TreeSet<String>(assetsNamedIn(page));
    var seen = new TreeSet<String>();
    while (!pending.isEmpty()) {
      String asset = pending.pollFirst();
      if (!seen.add(asset)) {
        continue;
      }
      var answer = get(asset);
      assertThat(answer.statusCode()).as(asset).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
      // (an SVG names its XML namespace with a URL; nothing fetches it)
      String body = answer.body().replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
      assertThat(body).as(asset).doesNotContain("http://", "https://", "innerHTML", "eval(");
      if (asset.endsWith(".js")) {
        assertThat(answer.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        Pattern.compile("from '\\./([a-z]+\\.js)'")
            .matcher(body)
            .results()
            .forEach(m -> pending.add("/assets/" + m.group(1)));
        // the pages use the public REST API (and nothing under /_emulator or another service)
        Pattern.compile("'(/[a-z_]+/[^'$`]*)")
            .matcher(body)
            .results()
            .map(m -> m.group(1))
            .filter(p -> !p.startsWith("/assets/"))
            .forEach(p -> assertThat(p).as(asset).doesNotStartWith("/_"));
      }
    }
    assertThat(seen)
        .contains("/assets/app.js", "/assets/api.js", "/assets/orders.js", "/assets/app.css");
  }

  @Test
  void onlyTheListedFilesAreServed() throws Exception {
    assertThat(get("/assets/index.html").statusCode()).isEqualTo(404);
    assertThat(get("/assets/..%2Fopenapi.json").statusCode()).isEqualTo(404);
    assertThat(get("/assets/nothing.js").statusCode()).isEqualTo(404);
    assertThat(get("/products").statusCode()).isEqualTo(404);
  }

  private static List<String> assetsNamedIn(String html) {
    return Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"")
        .matcher(html)
        .results()
        .map(m -> m.group(1))
        .toList();
  }
}
