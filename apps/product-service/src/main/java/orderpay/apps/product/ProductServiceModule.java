package orderpay.apps.product;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.catalog.ProductGrpcService;
import orderpay.adapters.kafka.catalog.ProductEventSerializer;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.catalog.JdbiProductRepository;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.ServiceBasics;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.apps.kit.ServiceParts;
import orderpay.contracts.product.v1.ProductServiceGrpc;
import orderpay.domain.catalog.CreateProduct;
import orderpay.domain.catalog.DeleteProduct;
import orderpay.domain.catalog.ProductQueries;
import orderpay.domain.catalog.UpdateProduct;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;

/** Wires the catalogue: its use cases, what it serves and who may call it. */
@Module(includes = ServiceKitModule.class)
public interface ProductServiceModule {
  /** Who may call this service: the edges the architecture draws. */
  CallerPolicy CALLERS =
      CallerPolicy.builder()
          .allow(Callers.GATEWAY, ProductServiceGrpc.getServiceDescriptor())
          // prices and names of what an order holds
          .allow(Callers.ORDER_SERVICE, ProductServiceGrpc.getBatchGetProductsMethod())
          .build();

  /**
   * The use cases the gRPC API calls, built here for it alone: they share one repository over the
   * products table.
   */
  @Provides
  @Singleton
  static ProductGrpcService grpcService(
      JdbiTransactions tx, EventPublisher events, IdGenerator ids, Clock clock) {
    var products = new JdbiProductRepository(tx);
    return new ProductGrpcService(
        new CreateProduct(products, tx, events, ids, clock),
        new UpdateProduct(products, tx, events, clock),
        new DeleteProduct(products, tx, events, clock),
        new ProductQueries(products));
  }

  @Provides
  static ServiceParts parts(ProductGrpcService grpcService, CustomerTokens customers) {
    return new ServiceParts(
        CALLERS,
        // the gateway checks the admin too; the catalogue does not take its word for it
        List.of(
            customers
                .adminsFor(
                    ProductServiceGrpc.getCreateProductMethod(),
                    ProductServiceGrpc.getUpdateProductMethod(),
                    ProductServiceGrpc.getDeleteProductMethod())
                .protect(grpcService)),
        List.of(() -> customers),
        customers.verifier());
  }

  /** Its settings and its events' serializer, for the kit. */
  @Provides
  static ServiceBasics basics(ProductServiceConfig config) {
    return new ServiceBasics(config.service(), new ProductEventSerializer());
  }
}
