package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A clean start says nothing alarming: no WARN or ERROR from OrderPay or from the Kafka clients it
 * runs (a missing topic used to warn once per consumer), and no password in any line. The broker's
 * own lines are left out: it is shared by every test class of this JVM.
 */
class CleanStartTest {
  @Test
  void startingTheWholeSystemLogsNoWarningAndNoPassword() {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var captured = new ListAppender<ILoggingEvent>();
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
    String adminPassword;
    try (var system = RunningSandbox.start(CleanStartTest.class)) {
      assertThat(system.get("/health/ready", null).status()).isEqualTo(200);
      adminPassword = system.sandbox.adminPassword();
    } finally {
      root.detachAppender(captured);
    }
    var ours =
        captured.list.stream()
            .filter(
                event ->
                    event.getLoggerName().startsWith("orderpay")
                        || event.getLoggerName().startsWith("org.apache.kafka.clients"))
            .filter(event -> !event.getThreadName().contains("shutdown"))
            .toList();
    assertThat(ours).as("events from the start").isNotEmpty();
    assertThat(ours)
        .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
    assertThat(captured.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(message -> message.contains(adminPassword));
  }
}
