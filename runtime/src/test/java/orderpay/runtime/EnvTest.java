package orderpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
  private final Env env =
      new Env(
          Map.of("PORT", "8080", "BAD_PORT", "80a", "TTL", "15m", "ISO", "PT2S", "BLANK", "  "));

  @Test
  void readsValuesWithFallbacks() {
    assertThat(env.integer("PORT", 1)).isEqualTo(8080);
    assertThat(env.integer("MISSING", 1)).isEqualTo(1);
    assertThat(env.get("BLANK", "fallback")).isEqualTo("fallback");
    assertThat(env.duration("TTL", Duration.ZERO)).isEqualTo(Duration.ofMinutes(15));
    assertThat(env.duration("ISO", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void malformedValuesNameTheVariable() {
    assertThatThrownBy(() -> env.integer("BAD_PORT", 1)).hasMessageContaining("BAD_PORT");
    assertThatThrownBy(() -> env.duration("PORT", Duration.ZERO)).hasMessageContaining("PORT");
    assertThatThrownBy(() -> env.required("MISSING")).hasMessageContaining("MISSING");
  }

  @Test
  void overridesReplaceVariables() {
    assertThat(env.with(Map.of("PORT", "9090")).integer("PORT", 1)).isEqualTo(9090);
  }
}
