package orderpay.apps.notification;

import java.time.Duration;
import orderpay.adapters.smtp.SmtpSettings;
import orderpay.apps.kit.ServiceSettings;
import orderpay.domain.notification.DispatchNotifications;
import orderpay.runtime.Env;

public record NotificationServiceConfig(
    ServiceSettings service,
    String userServiceTarget,
    SmtpSettings smtp,
    String smsProviderUrl,
    String smsProviderToken,
    DispatchNotifications.Policy policy,
    Duration dispatchInterval,
    int dispatchers) {
  public static NotificationServiceConfig fromEnv(Env env) {
    return new NotificationServiceConfig(
        ServiceSettings.fromEnv(env, "notification", 50056),
        env.get("USER_SERVICE_TARGET", "127.0.0.1:50051"),
        new SmtpSettings(
            env.get("SMTP_HOST", "127.0.0.1"),
            env.integer("SMTP_PORT", 3025),
            Boolean.parseBoolean(env.get("SMTP_STARTTLS", "false")),
            env.get("SMTP_USER", ""),
            env.get("SMTP_PASSWORD", ""),
            env.get("SMTP_FROM", "OrderPay <no-reply@orderpay.local>")),
        env.get("SMS_PROVIDER_URL", ""),
        env.get("SMS_PROVIDER_TOKEN", ""),
        new DispatchNotifications.Policy(
            env.integer("NOTIFICATION_MAX_ATTEMPTS", 8),
            env.duration("NOTIFICATION_FIRST_BACKOFF", Duration.ofSeconds(1)),
            env.duration("NOTIFICATION_MAX_BACKOFF", Duration.ofMinutes(5)),
            // how long a dispatcher owns a message it claimed; a crashed replica's messages are
            // sent by another one after this (keep it well above one SMTP send)
            env.duration("NOTIFICATION_LEASE", Duration.ofSeconds(60))),
        env.duration("NOTIFICATION_DISPATCH_INTERVAL", Duration.ofMillis(250)),
        // parallel senders, each with its SMTP connection: one is bound by round trips to the
        // server
        env.integer("NOTIFICATION_DISPATCHERS", 4));
  }

  @Override
  public String toString() {
    return "NotificationServiceConfig[" + service + ", " + smtp + "]";
  }
}
