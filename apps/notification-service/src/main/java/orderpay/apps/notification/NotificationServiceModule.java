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
import orderpay.domain.notification.DispatchNotifications;
import orderpay.domain.notification.Leases;
import orderpay.domain.notification.NotificationQueries;
import orderpay.domain.notification.RecordNotification;
import orderpay.domain.notification.RememberedRecipients;
import orderpay.domain.notification.SendEmail;
import orderpay.domain.notification.SendSms;
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

  /**
   * The notification table; it also parks the event of a message out of attempts (dead letters).
   */
  @Provides
  @Singleton
  static JdbiNotificationRepository repository(JdbiTransactions tx, Wakeup recorded) {
    return new JdbiNotificationRepository(tx, recorded);
  }

  /** One lease length for the dispatchers and the SMS sends: both claim rows of the same table. */
  @Provides
  static Leases leases(NotificationServiceConfig config, IdGenerator ids) {
    return new Leases(ids, config.policy().lease());
  }

  @Provides
  @Singleton
  static RecordNotification recordNotification(
      JdbiNotificationRepository repository, IdGenerator ids, Clock clock) {
    return new RecordNotification(repository, ids, clock);
  }

  /** One for every dispatcher: they share its cache of recipients and its mail counters. */
  @Provides
  @Singleton
  static DispatchNotifications dispatchNotifications(
      NotificationServiceConfig config,
      JdbiNotificationRepository repository,
      JdbiTransactions tx,
      GrpcChannels.Client userChannel,
      SmtpMailer mailer,
      MeterRegistry metrics,
      Leases leases,
      Clock clock) {
    return new DispatchNotifications(
        repository,
        new RememberedRecipients(
            new GrpcUserDirectory(userChannel.channel()), RECIPIENTS_KEPT_FOR, clock),
        new CountedMailer(mailer, metrics),
        repository,
        tx,
        leases,
        clock,
        config.policy());
  }

  /** The use cases the gRPC API calls (sending by hand), built here for it alone. */
  @Provides
  @Singleton
  static NotificationGrpcService grpcService(
      NotificationServiceConfig config,
      RecordNotification recording,
      JdbiNotificationRepository repository,
      JdbiTransactions tx,
      IdGenerator ids,
      Leases leases,
      Clock clock) {
    var sms = new HttpSmsSender(config.smsProviderUrl(), config.smsProviderToken());
    return new NotificationGrpcService(
        new SendEmail(recording, tx, ids),
        new SendSms(repository, sms, tx, ids, leases, clock),
        new NotificationQueries(repository));
  }

  @Provides
  static ServiceParts parts(
      NotificationServiceConfig config,
      GrpcChannels.Client userChannel,
      RecordNotification recording,
      DispatchNotifications dispatching,
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
        consumers.of(KafkaTopics.NOTIFICATION_EVENTS, new NotificationEventsHandler(recording)));
    // each claims its own batches (SKIP LOCKED) and sends over its own SMTP connection
    workers.addAll(
        new Dispatchers(config.dispatchers(), () -> dispatching.dispatchDue(Dispatchers.BATCH))
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
