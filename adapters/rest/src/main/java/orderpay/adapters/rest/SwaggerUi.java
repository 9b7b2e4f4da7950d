package orderpay.adapters.rest;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The assets of Swagger UI for {@code /docs}, from its webjar on the classpath, so the page and its
 * "try it out" work offline. Only these files are served, from memory: no path from a request ever
 * reaches the classpath.
 */
final class SwaggerUi {
  private static final Map<String, String> ASSETS =
      Map.of(
          "swagger-ui.css", "text/css; charset=utf-8",
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
          "favicon-32x32.png", "image/png");

  private final Map<String, StaticAsset> assets;

  private SwaggerUi(Map<String, StaticAsset> assets) {
    this.assets = assets;
  }

  static SwaggerUi load() {
    String root = "/META-INF/resources/webjars/swagger-ui/" + version() + "/";
    var loaded = new java.util.HashMap<String, StaticAsset>();
    ASSETS.forEach((name, type) -> loaded.put(name, StaticAsset.load(root + name, type)));
    loaded.put(
        "orderpay-init.js", StaticAsset.load("/docs-init.js", "text/javascript; charset=utf-8"));
    return new SwaggerUi(Map.copyOf(loaded));
  }

  /** {@code GET /docs/ui/{asset}}: a known asset, or 404. */
  void serve(Context ctx) {
    var asset = assets.get(ctx.pathParam("asset"));
    if (asset == null) {
      throw new ApiError(404, "not_found", "no such asset");
    }
    ctx.header("Cache-Control", "public, max-age=86400").contentType(asset.contentType());
    ctx.result(asset.bytes());
  }

  private static String version() {
    var properties = new Properties();
    try (InputStream in =
        SwaggerUi.class.getResourceAsStream(
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
