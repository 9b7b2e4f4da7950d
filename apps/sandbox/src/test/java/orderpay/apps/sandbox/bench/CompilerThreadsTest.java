package orderpay.apps.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompilerThreadsTest {
  private static final String C2 =
      "4711 (C2 CompilerThre) S 1 4700 4700 0 -1 4194368 12 0 0 0 1234 56 0 0 20 0 40 0 7 0 0";
  private static final String WORKER =
      "4712 (order-service-g) S 1 4700 4700 0 -1 4194368 12 0 0 0 900 100 0 0 20 0 40 0 7 0 0";

  @Test
  void countsUserAndSystemTicksOfCompilerThreadsOnly() {
    assertThat(CompilerThreads.ticksIfCompiler(C2)).isEqualTo(1234 + 56);
    assertThat(CompilerThreads.ticksIfCompiler(C2.replace("C2", "C1"))).isEqualTo(1290);
    assertThat(CompilerThreads.ticksIfCompiler(WORKER)).isZero();
  }

  @Test
  void aNameWithParenthesesDoesNotShiftTheFields() {
    String odd = C2.replace("(C2 CompilerThre)", "(C2 Compiler(x))");
    assertThat(CompilerThreads.ticksIfCompiler(odd)).isEqualTo(1290);
  }

  @Test
  void thisJvmsCompilersHaveUsedSomeCpu() {
    // a test JVM has compiled its test framework by now; -1 only where /proc is missing
    assertThat(CompilerThreads.cpuMillis()).isGreaterThanOrEqualTo(0);
  }
}
