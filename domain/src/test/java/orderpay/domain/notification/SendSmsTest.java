package orderpay.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import orderpay.domain.shared.DomainException;
import orderpay.domain.testing.ImmediateTransactions;
import org.junit.jupiter.api.Test;

class SendSmsTest {
  private final NotificationFixture fixture = new NotificationFixture();
  private final SendSms sendSms =
      new SendSms(
          fixture.store,
          new SmsSender() {
            @Override
            public boolean isConfigured() {
              return false;
            }

            @Override
            public void send(String phoneNumber, String body) {
              throw new AssertionError("never called");
            }
          },
          new ImmediateTransactions(),
          fixture.ids,
          fixture.leases,
          fixture.clock);

  @Test
  void smsWithoutAGatewayIsRefusedNotFaked() {
    assertThatThrownBy(() -> sendSms.send("k", fixture.mia, "+4915112345678", "hi"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.getMessage()).isEqualTo("sms channel not configured"));
    assertThat(fixture.store.byKey).isEmpty();
  }
}
