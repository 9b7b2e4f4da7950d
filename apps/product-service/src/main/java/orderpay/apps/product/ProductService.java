package orderpay.apps.product;

import io.grpc.BindableService;
import jakarta.inject.Inject;
import java.util.List;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.catalog.ProductGrpcService;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.postgres.Database;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceMetrics;
import orderpay.apps.kit.ServiceSettings;
import orderpay.contracts.product.v1.ProductServiceGrpc;

public final class ProductService {
  /** Who may call this service: the edges the architecture draws. */
  public static final CallerPolicy CALLERS =
      CallerPolicy.builder()
          .allow(Callers.GATEWAY, ProductServiceGrpc.getServiceDescriptor())
          // prices and names of what an order holds
          .allow(Callers.ORDER_SERVICE, ProductServiceGrpc.getBatchGetProductsMethod())
          .build();

  private final ServiceSettings settings;
  private final Database database;
  private final KafkaOutboxRelay relay;
  private final ServiceMetrics metrics;
  private final CustomerTokens customers;
  private final BindableService grpcService;

  @Inject
  ProductService(
      ServiceSettings settings,
      Database database,
      KafkaOutboxRelay relay,
      ServiceMetrics metrics,
      ProductGrpcService grpcService,
      CustomerTokens customers) {
    this.settings = settings;
    this.database = database;
    this.relay = relay;
    this.metrics = metrics;
    this.customers = customers;
    // the gateway checks the admin too; the catalogue does not take its word for it
    this.grpcService =
        customers
            .adminsFor(
                ProductServiceGrpc.getCreateProductMethod(),
                ProductServiceGrpc.getUpdateProductMethod(),
                ProductServiceGrpc.getDeleteProductMethod())
            .protect(grpcService);
  }

  public RunningService start() {
    return RunningService.start(
        settings,
        database,
        relay,
        metrics,
        List.of(() -> customers),
        List.of(grpcService),
        CALLERS,
        customers.verifier());
  }
}
