package orderpay.apps.kit;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.UuidV7Generator;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.adapters.postgres.messaging.OutboxEventPublisher;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.Transactions;

/** The database, outbox and relay every service has; each app adds its own EventSerializer. */
@Module
public interface ServiceKitModule {
  @Provides
  @Singleton
  static Database database(ServiceSettings settings) {
    return Database.open(settings.database());
  }

  @Provides
  static JdbiTransactions jdbiTransactions(Database database) {
    return database.transactions();
  }

  @Provides
  static Transactions transactions(Database database) {
    return database.transactions();
  }

  @Provides
  @Singleton
  static IdGenerator ids(Clock clock) {
    return new UuidV7Generator(clock);
  }

  @Provides
  @Singleton
  static EventPublisher events(
      JdbiTransactions tx, EventSerializer serializer, IdGenerator ids, ServiceSettings settings) {
    return new OutboxEventPublisher(tx, serializer, ids, settings.kafka().topicPrefix());
  }

  @Provides
  @Singleton
  static KafkaOutboxRelay relay(Database database, ServiceSettings settings) {
    return new KafkaOutboxRelay(
        database.jdbi(), database.dataSource(), settings.kafka(), settings.serviceName());
  }
}
