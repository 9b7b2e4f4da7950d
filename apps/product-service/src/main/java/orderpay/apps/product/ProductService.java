package orderpay.apps.product;

import jakarta.inject.Inject;
import java.util.List;
import orderpay.adapters.grpc.catalog.ProductGrpcService;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.postgres.Database;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceMetrics;
import orderpay.apps.kit.ServiceSettings;

public final class ProductService {
  private final ServiceSettings settings;
  private final Database database;
  private final KafkaOutboxRelay relay;
  private final ServiceMetrics metrics;
  private final ProductGrpcService grpcService;

  @Inject
  ProductService(
      ServiceSettings settings,
      Database database,
      KafkaOutboxRelay relay,
      ServiceMetrics metrics,
      ProductGrpcService grpcService) {
    this.settings = settings;
    this.database = database;
    this.relay = relay;
    this.metrics = metrics;
    this.grpcService = grpcService;
  }

  public RunningService start() {
    return RunningService.start(
        settings, database, relay, metrics, List.of(), List.of(grpcService));
  }
}
