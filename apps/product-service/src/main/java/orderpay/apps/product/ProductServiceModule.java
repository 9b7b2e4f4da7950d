package orderpay.apps.product;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import orderpay.adapters.grpc.catalog.ProductGrpcService;
import orderpay.adapters.kafka.catalog.ProductEventSerializer;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.catalog.JdbiProductRepository;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.domain.catalog.Catalog;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;

@Module(includes = ServiceKitModule.class)
public interface ProductServiceModule {
  @Provides
  static EventSerializer serializer() {
    return new ProductEventSerializer();
  }

  @Provides
  @Singleton
  static Catalog catalog(JdbiTransactions tx, EventPublisher events, IdGenerator ids, Clock clock) {
    return new Catalog(new JdbiProductRepository(tx), tx, events, ids, clock);
  }

  @Provides
  static ProductGrpcService grpcService(Catalog catalog) {
    return new ProductGrpcService(catalog);
  }
}
