package orderpay.adapters.rest;

import io.grpc.StatusRuntimeException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public HTTP server. Routes are contributed by route classes; this class owns what every route
 * shares: body limits, content-type checks, the error body, health endpoints.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
  public static final long MAX_BODY_BYTES = 64 * 1024;

  private final Javalin app;

  private GatewayServer(Javalin app) {
    this.app = app;
  }

  /** Starts on host:port with the given routes; {@code port} 0 picks a free one. */
  public static GatewayServer start(
      String host, int port, List<Downstream> downstreams, List<Route> routes) {
    return start(
        host, port, downstreams, routes, new GatewayMetrics(), StorefrontSettings.TEST_CARDS);
  }

  /**
   * As above, timing requests into {@code metrics} (which routes may read too), with the storefront
   * taking cards as {@code storefrontSettings} say.
   */
  public static GatewayServer start(
      String host,
      int port,
      List<Downstream> downstreams,
      List<Route> routes,
      GatewayMetrics metrics,
      StorefrontSettings storefrontSettings) {
    byte[] openApi = resource("/openapi.json");
    byte[] docs = resource("/docs.html");
    var swaggerUi = SwaggerUi.load();
    var storefront = Storefront.load(storefrontSettings);
    var allRoutes =
        java.util.stream.Stream.concat(storefront.routes().stream(), routes.stream()).toList();
    Javalin app =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.http.maxRequestSize = MAX_BODY_BYTES;
              config.startup.showJavalinBanner = false;
              config.routes.before(HttpTracing::start);
              config.routes.before(metrics::started);
              config.routes.before(GatewayServer::guardRequest);
              config.routes.after(metrics::finished);
              config.routes.after(HttpTracing::finish);
              config.routes.get(
                  "/health/live", ctx -> Json.respond(ctx, 200, Map.of("status", "UP")));
              config.routes.get("/health/ready", ctx -> readiness(ctx, downstreams));
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              config.routes.get(
                  "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
              config.routes.get(
                  "/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(docs));
              config.routes.get("/docs/ui/{asset}", swaggerUi::serve);
              storefront.register(config);
              allRoutes.forEach(
                  route ->
                      config.routes.addEndpoint(
                          new io.javalin.router.Endpoint(
                              route.method(), route.path(), route.handler())));
              config.routes.exception(ApiError.class, (e, ctx) -> writeError(ctx, e));
              config.routes.exception(
                  StatusRuntimeException.class, (e, ctx) -> writeError(ctx, GrpcToHttp.map(e)));
              config.routes.exception(
                  HttpResponseException.class, (e, ctx) -> writeError(ctx, fromJavalin(e)));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    writeError(ctx, new ApiError(500, "internal", "internal error"));
                  });
              config.routes.error(
                  404,
                  ctx -> {
                    if (ctx.result() == null) {
                      writeError(ctx, new ApiError(404, "not_found", "no such resource"));
                    }
                  });
              config.routes.error(
                  405,
                  ctx ->
                      writeError(
                          ctx, new ApiError(405, "method_not_allowed", "method not allowed")));
            });
    app.start(host, port);
    log.info("gateway listening on http://{}:{}", host, app.port());
    return new GatewayServer(app);
  }

  private static byte[] resource(String name) {
    try (var in = GatewayServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the gateway's resources");
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Refuses oversized or non-JSON bodies before any route reads them. */
  private static void guardRequest(Context ctx) {
    String length = ctx.header("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
          throw new ApiError(
              413, "payload_too_large", "request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
      } catch (NumberFormatException e) {
        throw ApiError.invalid("malformed Content-Length");
      }
    }
    String method = ctx.method().name();
    boolean writes = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    // a body announced by length or sent chunked must be JSON; a bare POST (e.g. /cancel) needs
    // none
    boolean hasBody =
        (length != null && !length.strip().equals("0")) || ctx.header("Transfer-Encoding") != null;
    if (writes
        && hasBody
        && !ctx.path().startsWith("/api/v1/webhooks/")
        && !isJson(ctx.contentType())) {
      throw new ApiError(415, "unsupported_media_type", "send the body as application/json");
    }
  }

  private static boolean isJson(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json");
  }

  private static void readiness(Context ctx, List<Downstream> downstreams) {
    var checks = new LinkedHashMap<String, String>();
    boolean ready = true;
    for (Downstream downstream : downstreams) {
      boolean serving = downstream.isServing();
      ready &= serving;
      checks.put(downstream.name(), serving ? "UP" : "DOWN");
    }
    Json.respond(ctx, ready ? 200 : 503, Map.of("status", ready ? "UP" : "DOWN", "checks", checks));
  }

  private static ApiError fromJavalin(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 413 ->
          new ApiError(
              413, "payload_too_large", "request body exceeds " + MAX_BODY_BYTES + " bytes");
      case 404 -> new ApiError(404, "not_found", "no such resource");
      case 400 -> ApiError.invalid("bad request");
      default ->
          e.getStatus() >= 500
              ? new ApiError(500, "internal", "internal error")
              : new ApiError(e.getStatus(), "invalid_request", "request refused");
    };
  }

  static void writeError(Context ctx, ApiError error) {
    var body = new LinkedHashMap<String, Object>();
    body.put("code", error.code());
    body.put("message", error.getMessage());
    body.put("details", error.details());
    if (error.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    if (error.status() == 429 && error.details().get("retry_after_seconds") != null) {
      ctx.header("Retry-After", String.valueOf(error.details().get("retry_after_seconds")));
    }
    Json.respond(ctx, error.status(), Map.of("error", body));
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
