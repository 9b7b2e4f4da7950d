package orderpay.apps.notification;

import dagger.Module;
import dagger.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.notification.GrpcUserDirectory;
import orderpay.adapters.grpc.notification.NotificationGrpcService;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.adapters.postgres.notification.JdbiNotificationRepository;
import orderpay.adapters.runtime.Wakeup;
import orderpay.adapters.smtp.HttpSmsSender;
import orderpay.adapters.smtp.SmtpMailer;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.apps.kit.ServiceSettings;
import orderpay.domain.notification.Notifications;
import orderpay.domain.notification.RememberedRecipients;
import orderpay.domain.shared.IdGenerator;

@Module(includes = ServiceKitModule.class)
public interface NotificationServiceModule {
  @Provides
  static ServiceSettings settings(NotificationServiceConfig config) {
    return config.service();
  }

  /** The service publishes no events of its own; its outbox carries only dead letters. */
  @Provides
  static EventSerializer serializer() {
    return event -> {
      throw new IllegalArgumentException(
          "the notification service publishes no " + event.getClass());
    };
  }

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
}
