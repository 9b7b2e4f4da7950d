package orderpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import orderpay.runtime.HealthIndicator.Health;
import org.junit.jupiter.api.Test;

class HealthIndicatorTest {
  @Test
  void allOfIsHealthyOnlyWhenEveryPartIs() {
    HealthIndicator up = () -> Health.HEALTHY;
    HealthIndicator stuck = () -> new Health.Unhealthy("consumer a is stuck");
    HealthIndicator dead = () -> new Health.Unhealthy("consumer b is not running");

    assertThat(HealthIndicator.allOf(List.of()).health()).isEqualTo(Health.HEALTHY);
    assertThat(HealthIndicator.allOf(List.of(up, up)).health()).isEqualTo(Health.HEALTHY);
    assertThat(HealthIndicator.allOf(List.of(up, stuck, dead)).health())
        .isEqualTo(new Health.Unhealthy("consumer a is stuck; consumer b is not running"));
  }
}
