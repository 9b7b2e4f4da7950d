package orderpay.adapters.grpc.catalog;

import static orderpay.adapters.grpc.StreamReplies.reply;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import orderpay.adapters.grpc.ProtoMoney;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.contracts.product.v1.BatchGetProductsRequest;
import orderpay.contracts.product.v1.BatchGetProductsResponse;
import orderpay.contracts.product.v1.CreateProductRequest;
import orderpay.contracts.product.v1.DeleteProductRequest;
import orderpay.contracts.product.v1.DeleteProductResponse;
import orderpay.contracts.product.v1.GetProductRequest;
import orderpay.contracts.product.v1.ListProductsRequest;
import orderpay.contracts.product.v1.ListProductsResponse;
import orderpay.contracts.product.v1.Product;
import orderpay.contracts.product.v1.ProductServiceGrpc;
import orderpay.contracts.product.v1.UpdateProductRequest;
import orderpay.domain.catalog.CreateProduct;
import orderpay.domain.catalog.DeleteProduct;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.catalog.ProductQueries;
import orderpay.domain.catalog.UpdateProduct;

public record ProductGrpcService(
    CreateProduct createProduct,
    UpdateProduct updateProduct,
    DeleteProduct deleteProduct,
    ProductQueries products)
    implements ProductServiceGrpc.AsyncService, BindableService {
  @Override
  public void createProduct(CreateProductRequest request, StreamObserver<Product> response) {
    var created =
        createProduct.create(
            new CreateProduct.Command(
                request.getName(),
                request.getDescription(),
                ProtoMoney.required(request.hasPrice(), request.getPrice(), "price"),
                request.getInitialStock()));
    reply(response, toProto(created));
  }

  @Override
  public void getProduct(GetProductRequest request, StreamObserver<Product> response) {
    reply(response, toProto(products.get(ProductId.parse(request.getId()))));
  }

  @Override
  public void listProducts(
      ListProductsRequest request, StreamObserver<ListProductsResponse> response) {
    var page =
        products.list(
            request.getPage().getPageSize(), request.getPage().getPageToken(), request.getQuery());
    var reply = ListProductsResponse.newBuilder().setNextPageToken(page.nextCursor().orElse(""));
    page.items().forEach(p -> reply.addProducts(toProto(p)));
    reply(response, reply.build());
  }

  @Override
  public void updateProduct(UpdateProductRequest request, StreamObserver<Product> response) {
    var changes =
        new orderpay.domain.catalog.Product.Changes(
            request.hasName() ? Optional.of(request.getName()) : Optional.empty(),
            request.hasDescription() ? Optional.of(request.getDescription()) : Optional.empty(),
            request.hasPrice()
                ? Optional.of(ProtoMoney.required(true, request.getPrice(), "price"))
                : Optional.empty());
    reply(response, toProto(updateProduct.update(ProductId.parse(request.getId()), changes)));
  }

  @Override
  public void deleteProduct(
      DeleteProductRequest request, StreamObserver<DeleteProductResponse> response) {
    deleteProduct.delete(ProductId.parse(request.getId()));
    reply(response, DeleteProductResponse.getDefaultInstance());
  }

  @Override
  public void batchGetProducts(
      BatchGetProductsRequest request, StreamObserver<BatchGetProductsResponse> response) {
    var ids = request.getIdsList().stream().map(ProductId::parse).toList();
    var found = products.batchGet(ids);
    var reply = BatchGetProductsResponse.newBuilder();
    for (ProductId id : ids) {
      var product = found.get(id);
      if (product == null) {
        reply.addMissingIds(id.toString());
      } else {
        reply.addProducts(toProto(product));
      }
    }
    reply(response, reply.build());
  }

  public static Product toProto(orderpay.domain.catalog.Product product) {
    return Product.newBuilder()
        .setId(product.id().toString())
        .setName(product.name())
        .setDescription(product.description())
        .setPrice(ProtoMoney.of(product.price()))
        .setCreatedAt(ProtoTime.of(product.createdAt()))
        .setUpdatedAt(ProtoTime.of(product.updatedAt()))
        .build();
  }

  /** What {@code ProductServiceImplBase} would do: the generated binding of these methods. */
  @Override
  public ServerServiceDefinition bindService() {
    return ProductServiceGrpc.bindService(this);
  }
}
