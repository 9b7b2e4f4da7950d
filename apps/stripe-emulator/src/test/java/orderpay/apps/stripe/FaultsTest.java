package orderpay.apps.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private static List<Faults.ApiFault> draws(Faults faults, int count) {
    var drawn = new ArrayList<Faults.ApiFault>();
    for (int i = 0; i < count; i++) {
      drawn.add(faults.next(true));
    }
    return drawn;
  }

  @Test
  void theSameSeedInjectsTheSameFaultsInTheSameOrder() {
    var faults = new Faults();
    faults.serverErrorRate(0.3);
    faults.lostAnswerRate(0.3);
    faults.seed(42);
    var first = draws(faults, 50);
    faults.seed(42);
    assertThat(draws(faults, 50)).isEqualTo(first);
    assertThat(first)
        .contains(Faults.ApiFault.NONE, Faults.ApiFault.SERVER_ERROR, Faults.ApiFault.LOSE_ANSWER);
  }

  @Test
  void countedFaultsComeFirstAndRunOut() {
    var faults = new Faults();
    faults.failNext(2);
    faults.loseNextAnswers(1);
    // a read cannot lose an answer that changed something: it only takes the 500s
    assertThat(faults.next(false)).isEqualTo(Faults.ApiFault.SERVER_ERROR);
    assertThat(draws(faults, 4))
        .containsExactly(
            Faults.ApiFault.SERVER_ERROR,
            Faults.ApiFault.LOSE_ANSWER,
            Faults.ApiFault.NONE,
            Faults.ApiFault.NONE);
    assertThat(faults.injectedApiFaults()).isEqualTo(3);
  }

  @Test
  void switchesAreSetFromJsonAndResetTogether() throws Exception {
    var faults = new Faults();
    faults.apply(
        new ObjectMapper()
            .readTree(
                "{\"drop_webhooks\":true,\"api_delay_ms\":250,\"fail_next\":3,\"server_error_rate\":0.5}"));
    var described = faults.describe();
    assertThat(described.get("drop_webhooks").asBoolean()).isTrue();
    assertThat(described.get("api_delay_ms").asLong()).isEqualTo(250);
    assertThat(described.get("fail_next").asInt()).isEqualTo(3);
    assertThat(described.get("server_error_rate").asDouble()).isEqualTo(0.5);
    faults.apply(new ObjectMapper().readTree("{\"reset\":true}"));
    assertThat(draws(faults, 20)).containsOnly(Faults.ApiFault.NONE);
    assertThat(faults.drop).isFalse();
    assertThatThrownBy(() -> faults.serverErrorRate(1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
