package orderpay.apps.notification;

import dagger.Module;
import dagger.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.notification.GrpcUserDirectory;
import orderpay.adapters.grpc.notification.NotificationGrpcService;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.kafka.notification.NotificationEventsHandler;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.notification.JdbiNotificationRepository;
import orderpay.adapters.sms.HttpSmsSender;
import orderpay.adapters.smtp.SmtpMailer;
import orderpay.apps.kit.Consumers;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.ServiceBasics;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.apps.kit.ServiceParts;
import orderpay.contracts.notification.v1.NotificationServiceGrpc;
import orderpay.domain.notification.Notifications;
import orderpay.domain.notification.RememberedRecipients;
import orderpay.domain.shared.IdGenerator;
import orderpay.runtime.Wakeup;

/** Records a message per business event (exactly once), then a dispatcher sends them over SMTP. */
@Module(includes = ServiceKitModule.class)
public interface NotificationServiceModule {
  /** Who may call this service: the edges the architecture draws. */
  CallerPolicy CALLERS =
      CallerPolicy.builder()
          // mail goes out for events; only support tools may send one by hand
          .allow(Callers.GATEWAY, NotificationServiceGrpc.getListNotificationsMethod())
          .allow(
              Callers.OPERATOR,
              NotificationServiceGrpc.getSendEmailMethod(),
              NotificationServiceGrpc.getSendSMSMethod())
          .build();

  @Provides
  @Singleton
  static GrpcChannels.Client userChannel(NotificationServiceConfig config) {
    return GrpcChannels.open(
        config.userServiceTarget(),
        java.time.Duration.ofSeconds(5),
        config.service().credentials());
  }

  /** One per service: it keeps its SMTP connection open between messages. */
  @Provides
  @Singleton
  static SmtpMailer mailer(NotificationServiceConfig config) {
    return new SmtpMailer(config.smtp(), config.dispatchers());
  }

  /** How long a customer's name and address are reused before the user service is asked again. */
  static final java.time.Duration RECIPIENTS_KEPT_FOR = java.time.Duration.ofMinutes(10);

  /** Rings when this process has committed a new message to send: the dispatcher wakes. */
  @Provides
  @Singleton
  static Wakeup messagesRecorded() {
    return new Wakeup();
  }

  @Provides
  @Singleton
  static Notifications notifications(
      NotificationServiceConfig config,
      JdbiTransactions tx,
      GrpcChannels.Client userChannel,
      SmtpMailer mailer,
      MeterRegistry metrics,
      IdGenerator ids,
      Clock clock,
      Wakeup recorded) {
    var repository = new JdbiNotificationRepository(tx, recorded);
    return new Notifications(
        repository,
        new RememberedRecipients(
            new GrpcUserDirectory(userChannel.channel()), RECIPIENTS_KEPT_FOR, clock),
        new CountedMailer(mailer, metrics),
        new HttpSmsSender(config.smsProviderUrl(), config.smsProviderToken()),
        repository,
        tx,
        ids,
        clock,
        config.policy());
  }

  @Provides
  static NotificationGrpcService grpcService(Notifications notifications) {
    return new NotificationGrpcService(notifications);
  }

  @Provides
  static ServiceParts parts(
      NotificationServiceConfig config,
      GrpcChannels.Client userChannel,
      Notifications notifications,
      NotificationGrpcService grpcService,
      CustomerTokens customers,
      Consumers consumers,
      SmtpMailer mailer,
      Wakeup recorded) {
    var workers = new ArrayList<Supplier<AutoCloseable>>();
    workers.add(() -> userChannel);
    workers.add(() -> customers);
    workers.add(() -> mailer); // closed after the dispatchers below have stopped
    workers.add(
        consumers.of(
            KafkaTopics.NOTIFICATION_EVENTS, new NotificationEventsHandler(notifications)));
    // each claims its own batches (SKIP LOCKED) and sends over its own SMTP connection
    workers.addAll(
        new Dispatchers(config.dispatchers(), () -> notifications.dispatchDue(Dispatchers.BATCH))
            .workers(config.dispatchInterval(), recorded));
    return new ServiceParts(
        CALLERS,
        // a customer's history is theirs: the forwarded token says whose, not a field in the
        // request
        List.of(
            customers
                .customersFor(NotificationServiceGrpc.getListNotificationsMethod())
                .protect(grpcService)),
        workers,
        customers.verifier());
  }

  /** The service publishes no events of its own; its outbox carries only dead letters. */
  @Provides
  static ServiceBasics basics(NotificationServiceConfig config) {
    return ServiceBasics.publishingNothing(config.service());
  }
}
