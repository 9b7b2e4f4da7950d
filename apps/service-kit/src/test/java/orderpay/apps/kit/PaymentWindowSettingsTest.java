package orderpay.apps.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import orderpay.runtime.Env;
import org.junit.jupiter.api.Test;

class PaymentWindowSettingsTest {
  @Test
  void theDefaultsSettleOrdersWhileTheirStockIsHeld() {
    var window = PaymentWindowSettings.fromEnv(new Env(Map.of()));
    assertThat(window.paymentTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(window.reservationTtl()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aPaymentWindowThatOutlastsTheHoldIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                PaymentWindowSettings.fromEnv(
                    new Env(
                        Map.of(
                            "ORDER_PAYMENT_TTL", "20m",
                            "INVENTORY_RESERVATION_TTL", "15m"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
