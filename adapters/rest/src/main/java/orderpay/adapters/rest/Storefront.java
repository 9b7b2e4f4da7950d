package orderpay.adapters.rest;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The storefront: one HTML page for every path a customer can open (the page's script reads the
 * path) and its own scripts and style sheet, all from the gateway's resources and held in memory.
 * Only the files listed here are served: no path from a request ever reaches the classpath. The
 * pages call the public REST API and nothing else, and their Content-Security-Policy says so: no
 * inline script or style, nothing from another origin; only with a Stripe publishable key does it
 * also name what Stripe.js needs ({@link StorefrontSettings}). The page learns how it takes cards
 * from {@code GET /api/v1/storefront/config}, since it may run no inline script.
 */
final class Storefront {
  /** What a customer may open; each answers the same page (the script reads the path). */
  static final List<String> PAGES =
      List.of(
          "/",
          "/products/{id}",
          "/cart",
          "/checkout",
          "/login",
          "/signup",
          "/orders",
          "/orders/{id}",
          "/notifications",
          "/admin",
          "/admin/orders/{id}",
          "/admin/stuck",
          "/admin/dead-letters",
          "/admin/reconciliation",
          "/admin/products");

  private static final Map<String, String> ASSETS =
      Map.ofEntries(
          Map.entry("app.js", "text/javascript; charset=utf-8"),
          Map.entry("api.js", "text/javascript; charset=utf-8"),
          Map.entry("session.js", "text/javascript; charset=utf-8"),
          Map.entry("dom.js", "text/javascript; charset=utf-8"),
          Map.entry("words.js", "text/javascript; charset=utf-8"),
          Map.entry("cart.js", "text/javascript; charset=utf-8"),
          Map.entry("catalog.js", "text/javascript; charset=utf-8"),
          Map.entry("account.js", "text/javascript; charset=utf-8"),
          Map.entry("checkout.js", "text/javascript; charset=utf-8"),
          Map.entry("stripe-js.js", "text/javascript; charset=utf-8"),
          Map.entry("orders.js", "text/javascript; charset=utf-8"),
          Map.entry("admin.js", "text/javascript; charset=utf-8"),
          Map.entry("admin-view.js", "text/javascript; charset=utf-8"),
          Map.entry("admin-overview.js", "text/javascript; charset=utf-8"),
          Map.entry("admin-orders.js", "text/javascript; charset=utf-8"),
          Map.entry("admin-ops.js", "text/javascript; charset=utf-8"),
          Map.entry("admin-catalog.js", "text/javascript; charset=utf-8"),
          Map.entry("app.css", "text/css; charset=utf-8"),
          Map.entry("favicon.svg", "image/svg+xml"));

  /** The policy without a publishable key: this origin and nothing else. */
  static final String CONTENT_SECURITY_POLICY =
      StorefrontSettings.TEST_CARDS.contentSecurityPolicy();

  static final String CONFIG_PATH = "/api/v1/storefront/config";

  private final byte[] page;
  private final Map<String, StaticAsset> assets;
  private final StorefrontSettings settings;
  private final String contentSecurityPolicy;

  private Storefront(byte[] page, Map<String, StaticAsset> assets, StorefrontSettings settings) {
    this.page = page;
    this.assets = assets;
    this.settings = settings;
    this.contentSecurityPolicy = settings.contentSecurityPolicy();
  }

  static Storefront load(StorefrontSettings settings) {
    var loaded = new HashMap<String, StaticAsset>();
    ASSETS.forEach((name, type) -> loaded.put(name, StaticAsset.load("/storefront/" + name, type)));
    return new Storefront(StaticAsset.read("/storefront/index.html"), Map.copyOf(loaded), settings);
  }

  /** The API routes the pages need of their own: {@code GET /api/v1/storefront/config}. */
  List<Route> routes() {
    return List.of(
        Route.get(
            CONFIG_PATH,
            ctx -> {
              ctx.header("Cache-Control", "no-cache");
              Json.respond(ctx, 200, settings.publicConfig());
            }));
  }

  void register(JavalinConfig config) {
    PAGES.forEach(path -> config.routes.get(path, this::page));
    config.routes.get("/assets/{asset}", this::asset);
  }

  private void page(Context ctx) {
    secure(ctx).header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8");
    ctx.result(page);
  }

  /** {@code GET /assets/{asset}}: a listed file, or 404. */
  private void asset(Context ctx) {
    var asset = assets.get(ctx.pathParam("asset"));
    if (asset == null) {
      throw new ApiError(404, "not_found", "no such asset");
    }
    secure(ctx).header("Cache-Control", "no-cache").contentType(asset.contentType());
    ctx.result(asset.bytes());
  }

  private Context secure(Context ctx) {
    return ctx.header("Content-Security-Policy", contentSecurityPolicy)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cross-Origin-Opener-Policy", "same-origin");
  }
}
