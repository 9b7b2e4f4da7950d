package orderpay.apps.kit;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.kafka.MessagingMetrics;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.UuidV7Generator;
import orderpay.adapters.postgres.messaging.CommittedEventListener;
import orderpay.adapters.postgres.messaging.OutboxEventPublisher;
import orderpay.adapters.postgres.messaging.OutboxWriteListener;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.Transactions;

/**
 * The database, outbox, relay, metrics and consumers every service has; each app provides its
 * {@link ServiceBasics} (settings, event serializer) and its {@link ServiceParts} ({@link
 * BackendService}), and may add listeners to its committed events ({@code @IntoSet
 * CommittedEventListener}).
 */
@Module
public interface ServiceKitModule {
  @Provides
  static ServiceSettings settings(ServiceBasics basics) {
    return basics.settings();
  }

  @Provides
  @Singleton
  static Database database(ServiceSettings settings) {
    return Database.open(settings.database());
  }

  /** The service's one registry, served on its admin port. */
  @Provides
  @Singleton
  static ServiceMetrics metrics(ServiceSettings settings, Database database) {
    return ServiceMetrics.create(settings.serviceName(), database, settings.kafka());
  }

  @Provides
  static MeterRegistry meterRegistry(ServiceMetrics metrics) {
    return metrics.registry();
  }

  @Provides
  static MessagingMetrics messagingMetrics(ServiceMetrics metrics) {
    return metrics.messaging();
  }

  /** The app names each consumer's group, topics and handler; the rest is the service's. */
  @Provides
  static Consumers consumers(ServiceSettings settings, Database database, ServiceMetrics metrics) {
    return new Consumers(settings, database, metrics);
  }

  /** Only for services that inject it; they close it when they stop. */
  @Provides
  @Singleton
  static CustomerTokens customerTokens(ServiceSettings settings, Clock clock) {
    return CustomerTokens.open(settings, clock);
  }

  /** None unless the app contributes some. */
  @Multibinds
  Set<CommittedEventListener> committedEventListeners();

  /** None unless the app contributes some (the order service keeps its orders' histories). */
  @Multibinds
  Set<OutboxWriteListener> outboxWriteListeners();

  @Provides
  static JdbiTransactions jdbiTransactions(Database database) {
    return database.transactions();
  }

  /** The domain's port, served by the same Jdbi transactions the adapters join. */
  @Binds
  Transactions transactions(JdbiTransactions tx);

  @Provides
  @Singleton
  static IdGenerator ids(Clock clock) {
    return new UuidV7Generator(clock);
  }

  @Provides
  @Singleton
  static EventPublisher events(
      JdbiTransactions tx,
      ServiceBasics basics,
      IdGenerator ids,
      Set<CommittedEventListener> listeners,
      Set<OutboxWriteListener> writeListeners) {
    return new OutboxEventPublisher(
        tx,
        basics.serializer(),
        ids,
        basics.settings().kafka().topicPrefix(),
        List.copyOf(listeners),
        List.copyOf(writeListeners));
  }

  @Provides
  @Singleton
  static KafkaOutboxRelay relay(
      Database database, ServiceSettings settings, MessagingMetrics metrics) {
    return new KafkaOutboxRelay(database, settings.kafka(), settings.serviceName(), metrics);
  }
}
