package orderpay.adapters.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import orderpay.adapters.grpc.auth.ServiceToken.Verdict;
import org.junit.jupiter.api.Test;

class ServiceTokenTest {
  private static final String PAYMENTS = "orderpay.payment.v1.PaymentService";
  private final ServiceKey key = ServiceKey.generate();
  private final Instant now = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void aTokenFromAKeyHolderNamesItsCaller() {
    String token = ServiceToken.mint(key, "order-service", PAYMENTS, now);
    assertThat(ServiceToken.verify(key, token, PAYMENTS, now.plusSeconds(90)))
        .isEqualTo(new Verdict.Accepted("order-service"));
  }

  @Test
  void anotherKeyCannotMakeAnAcceptedToken() {
    String forged = ServiceToken.mint(ServiceKey.generate(), "order-service", PAYMENTS, now);
    assertThat(ServiceToken.verify(key, forged, PAYMENTS, now)).isInstanceOf(Verdict.Refused.class);
  }

  @Test
  void aTokenWithItsCallerChangedIsRefused() {
    String token = ServiceToken.mint(key, "gateway", PAYMENTS, now);
    String promoted = token.replace(":gateway:", ":order-service:");
    assertThat(ServiceToken.verify(key, promoted, PAYMENTS, now))
        .isInstanceOf(Verdict.Refused.class);
  }

  @Test
  void aTokenMadeForOneServiceIsRefusedByAnother() {
    String token = ServiceToken.mint(key, "gateway", "orderpay.order.v1.OrderService", now);
    assertThat(ServiceToken.verify(key, token, PAYMENTS, now))
        .isEqualTo(new Verdict.Refused("service token made for orderpay.order.v1.OrderService"));
  }

  @Test
  void anOldOrFutureTokenIsRefused() {
    String token = ServiceToken.mint(key, "gateway", PAYMENTS, now);
    var lifetime = ServiceToken.LIFETIME.toSeconds();
    assertThat(ServiceToken.verify(key, token, PAYMENTS, now.plusSeconds(lifetime)))
        .isInstanceOf(Verdict.Accepted.class);
    assertThat(ServiceToken.verify(key, token, PAYMENTS, now.plusSeconds(lifetime + 1)))
        .isInstanceOf(Verdict.Refused.class);
    assertThat(ServiceToken.verify(key, token, PAYMENTS, now.minusSeconds(lifetime + 1)))
        .isInstanceOf(Verdict.Refused.class);
  }

  @Test
  void garbageIsRefusedNotThrown() {
    for (String garbage :
        new String[] {
          null, "", "v1", "v1:a:b:c:d", "v2:gateway:" + PAYMENTS + ":1:AAAA", "x".repeat(5000)
        }) {
      assertThat(ServiceToken.verify(key, garbage, PAYMENTS, now))
          .as("%s", garbage)
          .isInstanceOf(Verdict.Refused.class);
    }
  }

  @Test
  void aShortKeyIsRefusedAtStartAndAKeyNeverShowsInText() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServiceKey.of("too-short"))
        .hasMessageContaining("ORDERPAY_SERVICE_KEY");
    String text = ServiceKey.generateText();
    assertThat(ServiceKey.of(text).toString()).doesNotContain(text);
  }
}
