package orderpay.apps.notification;

import io.grpc.BindableService;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.notification.NotificationGrpcService;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.kafka.notification.NotificationEventsHandler;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.runtime.Wakeup;
import orderpay.adapters.smtp.SmtpMailer;
import orderpay.apps.kit.CustomerTokens;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceMetrics;
import orderpay.apps.kit.Workers;
import orderpay.contracts.notification.v1.NotificationServiceGrpc;
import orderpay.domain.notification.Notifications;

/** Records a message per business event (exactly once), then a dispatcher sends them over SMTP. */
public final class NotificationService {
  /** Who may call this service: the edges the architecture draws. */
  public static final CallerPolicy CALLERS =
      CallerPolicy.builder()
          // mail goes out for events; only support tools may send one by hand
          .allow(Callers.GATEWAY, NotificationServiceGrpc.getListNotificationsMethod())
          .allow(
              Callers.OPERATOR,
              NotificationServiceGrpc.getSendEmailMethod(),
              NotificationServiceGrpc.getSendSMSMethod())
          .build();

  private final NotificationServiceConfig config;
  private final Database database;
  private final KafkaOutboxRelay relay;
  private final ServiceMetrics metrics;
  private final GrpcChannels.Client userChannel;
  private final Notifications notifications;
  private final CustomerTokens customers;
  private final BindableService grpcService;
  private final SmtpMailer mailer;
  private final Wakeup recorded;

  @Inject
  NotificationService(
      NotificationServiceConfig config,
      Database database,
      KafkaOutboxRelay relay,
      ServiceMetrics metrics,
      GrpcChannels.Client userChannel,
      Notifications notifications,
      NotificationGrpcService grpcService,
      CustomerTokens customers,
      SmtpMailer mailer,
      Wakeup recorded) {
    this.config = config;
    this.database = database;
    this.relay = relay;
    this.metrics = metrics;
    this.userChannel = userChannel;
    this.notifications = notifications;
    this.customers = customers;
    // a customer's history is theirs: the forwarded token says whose, not a field in the request
    this.grpcService =
        customers
            .customersFor(NotificationServiceGrpc.getListNotificationsMethod())
            .protect(grpcService);
    this.mailer = mailer;
    this.recorded = recorded;
  }

  public RunningService start() {
    var settings = config.service();
    var workers = new ArrayList<Supplier<AutoCloseable>>();
    workers.add(() -> userChannel);
    workers.add(() -> customers);
    workers.add(() -> mailer); // closed after the dispatchers below have stopped
    workers.add(
        Workers.consumer(
            settings,
            database,
            metrics,
            KafkaTopics.NOTIFICATION_EVENTS.group(),
            KafkaTopics.NOTIFICATION_EVENTS.topics(),
            new NotificationEventsHandler(notifications)));
    // each claims its own batches (SKIP LOCKED) and sends over its own SMTP connection
    workers.addAll(
        new Dispatchers(config.dispatchers(), () -> notifications.dispatchDue(Dispatchers.BATCH))
            .workers(config.dispatchInterval(), recorded));
    return RunningService.start(
        settings,
        database,
        relay,
        metrics,
        workers,
        List.of(grpcService),
        CALLERS,
        customers.verifier());
  }
}
