package orderpay.apps.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import orderpay.devstack.EmbeddedMailCatcher;
import orderpay.runtime.Env;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {

  /** `./orderpay cluster` runs its launcher in 256 MiB: a catcher keeping all would fill it. */
  @Test
  void theCommandLineClusterKeepsOnlyTheNewestMailInMemory() {
    var options = ClusterOptions.fromCommandLine(new Env(Map.of()), List.of("--replicas", "3"));

    assertThat(options.mailKeptInMemory()).isEqualTo(ClusterOptions.MAIL_KEPT_IN_MEMORY);
    assertThat(options.replicas()).isEqualTo(3);
  }

  /** The fault battery audits every email against the notifications: it needs them all. */
  @Test
  void aThrowAwayClusterKeepsEveryMessage() {
    var options = ClusterOptions.throwAway(Path.of("."), Path.of("data"), 2, Map.of());

    assertThat(options.mailKeptInMemory()).isEqualTo(EmbeddedMailCatcher.KEEP_ALL);
  }

  @Test
  void replicasNeedANumber() {
    assertThatThrownBy(
            () -> ClusterOptions.fromCommandLine(new Env(Map.of()), List.of("--replicas")))
        .hasMessageContaining("--replicas needs a number");
  }
}
