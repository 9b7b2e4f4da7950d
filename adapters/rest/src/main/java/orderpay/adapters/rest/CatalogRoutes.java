package orderpay.adapters.rest;

import io.grpc.stub.AbstractStub;
import io.javalin.http.Context;
import java.util.List;
import orderpay.contracts.inventory.v1.GetStockRequest;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.inventory.v1.UpdateStockRequest;
import orderpay.contracts.product.v1.CreateProductRequest;
import orderpay.contracts.product.v1.DeleteProductRequest;
import orderpay.contracts.product.v1.GetProductRequest;
import orderpay.contracts.product.v1.ListProductsRequest;
import orderpay.contracts.product.v1.ProductServiceGrpc;
import orderpay.contracts.product.v1.UpdateProductRequest;

/** Products (product service) and their stock (inventory service). Reads public, writes admin. */
public record CatalogRoutes(
    ProductServiceGrpc.ProductServiceBlockingStub products,
    InventoryServiceGrpc.InventoryServiceBlockingStub inventory,
    Authenticator auth) {
  /** The product service's own limit; checked here too, so a long one is refused before a call. */
  private static final int MAX_QUERY_LENGTH = 100;

  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/products", this::list),
        Route.post("/api/v1/products", this::create),
        Route.get("/api/v1/products/{id}", this::get),
        Route.patch("/api/v1/products/{id}", this::update),
        Route.delete("/api/v1/products/{id}", this::delete),
        Route.get("/api/v1/products/{id}/stock", this::stock),
        Route.put("/api/v1/products/{id}/stock", this::setStock));
  }

  private void list(Context ctx) {
    String query = ctx.queryParam("q");
    if (query != null && query.length() > MAX_QUERY_LENGTH) {
      throw ApiError.invalidField("q", "a search is at most " + MAX_QUERY_LENGTH + " characters");
    }
    var page =
        products.listProducts(
            ListProductsRequest.newBuilder()
                .setPage(QueryParams.page(ctx))
                .setQuery(query == null ? "" : query)
                .build());
    QueryParams.respondWithPage(
        ctx,
        "products",
        page.getProductsList().stream().map(ApiJson::product).toList(),
        page.getNextPageToken());
  }

  private void create(Context ctx) {
    var asAdmin = forAdmin(products, ctx);
    var body = JsonBody.of(ctx);
    var created =
        asAdmin.createProduct(
            CreateProductRequest.newBuilder()
                .setName(body.requiredString("name"))
                .setDescription(body.optionalString("description").orElse(""))
                .setPrice(ApiJson.money(body, "price"))
                .setInitialStock(body.optionalLong("initial_stock").orElse(0L))
                .build());
    Json.respond(ctx, 201, ApiJson.product(created));
  }

  /**
   * The stub acting for the admin, whose token the service checks again; a caller who is none is
   * refused (401, 403) before the body is read.
   */
  private <S extends AbstractStub<S>> S forAdmin(S stub, Context ctx) {
    return stub.withCallCredentials(auth.requireAdminForwarding(ctx).forwarded());
  }

  private void get(Context ctx) {
    Json.respond(
        ctx,
        200,
        ApiJson.product(
            products.getProduct(
                GetProductRequest.newBuilder().setId(ctx.pathParam("id")).build())));
  }

  private void update(Context ctx) {
    var asAdmin = forAdmin(products, ctx);
    var body = JsonBody.of(ctx);
    var request = UpdateProductRequest.newBuilder().setId(ctx.pathParam("id"));
    body.optionalString("name").ifPresent(request::setName);
    body.optionalString("description").ifPresent(request::setDescription);
    if (body.has("price")) {
      request.setPrice(ApiJson.money(body, "price"));
    }
    Json.respond(ctx, 200, ApiJson.product(asAdmin.updateProduct(request.build())));
  }

  private void delete(Context ctx) {
    forAdmin(products, ctx)
        .deleteProduct(DeleteProductRequest.newBuilder().setId(ctx.pathParam("id")).build());
    ctx.status(204);
  }

  private void stock(Context ctx) {
    Json.respond(
        ctx,
        200,
        ApiJson.stock(
            inventory.getStock(
                GetStockRequest.newBuilder().setProductId(ctx.pathParam("id")).build())));
  }

  private void setStock(Context ctx) {
    var asAdmin = forAdmin(inventory, ctx);
    var body = JsonBody.of(ctx);
    var level =
        asAdmin.updateStock(
            UpdateStockRequest.newBuilder()
                .setProductId(ctx.pathParam("id"))
                .setOnHand(body.requiredLong("on_hand"))
                .build());
    Json.respond(ctx, 200, ApiJson.stock(level));
  }
}
