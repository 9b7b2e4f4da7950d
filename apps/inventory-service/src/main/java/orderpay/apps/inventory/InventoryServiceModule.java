package orderpay.apps.inventory;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import orderpay.adapters.grpc.inventory.InventoryGrpcService;
import orderpay.adapters.kafka.inventory.InventoryEventSerializer;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.inventory.JdbiReservationRepository;
import orderpay.adapters.postgres.inventory.JdbiStockRepository;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.apps.kit.ServiceSettings;
import orderpay.domain.inventory.Inventory;
import orderpay.domain.shared.EventPublisher;

@Module(includes = ServiceKitModule.class)
public interface InventoryServiceModule {
  @Provides
  static ServiceSettings settings(InventoryServiceConfig config) {
    return config.service();
  }

  @Provides
  static EventSerializer serializer() {
    return new InventoryEventSerializer();
  }

  @Provides
  @Singleton
  static Inventory inventory(
      JdbiTransactions tx, EventPublisher events, Clock clock, InventoryServiceConfig config) {
    return new Inventory(
        new JdbiStockRepository(tx),
        new JdbiReservationRepository(tx),
        tx,
        events,
        clock,
        config.reservationTtl());
  }

  @Provides
  static InventoryGrpcService grpcService(Inventory inventory) {
    return new InventoryGrpcService(inventory);
  }
}
