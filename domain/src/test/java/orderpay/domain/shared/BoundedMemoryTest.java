package orderpay.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedMemoryTest {
  @Test
  void remembersUntilFullThenForgetsEverythingAndKeepsTheNewEntry() {
    var memory = new BoundedMemory<String, Integer>(3);
    memory.remember("a", 1);
    memory.remember("b", 2);
    memory.remember("c", 3);
    assertThat(memory.recall("b")).contains(2);
    assertThat(memory.size()).isEqualTo(3);

    memory.remember("d", 4);

    assertThat(memory.size()).isEqualTo(1);
    assertThat(memory.knows("a")).isFalse();
    assertThat(memory.recall("d")).contains(4);
  }

  @Test
  void replacingAKnownEntryWhenFullForgetsNothing() {
    var memory = new BoundedMemory<String, Integer>(2);
    memory.remember("a", 1);
    memory.remember("b", 2);
    memory.remember("b", 3);
    assertThat(memory.recall("a")).contains(1);
    assertThat(memory.recall("b")).contains(3);
  }

  @Test
  void forgetsOneEntryOnRequest() {
    var memory = new BoundedMemory<String, Integer>(2);
    memory.remember("a", 1);
    memory.forget("a");
    assertThat(memory.recall("a")).isEmpty();
  }

  @Test
  void refusesACapacityBelowOne() {
    assertThatThrownBy(() -> new BoundedMemory<String, Integer>(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
