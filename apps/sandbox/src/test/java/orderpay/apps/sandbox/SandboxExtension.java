package orderpay.apps.sandbox;

import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system for one test class, as a static {@code @RegisterExtension} field: started before
 * the class's own {@code @BeforeAll} methods, closed after its {@code @AfterAll} ones.
 */
class SandboxExtension implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> overrides;
  private RunningSandbox system;
  private Shop shop;

  SandboxExtension() {
    this(Map.of());
  }

  /** With environment overrides (short TTLs, emulator faults) for this test class only. */
  SandboxExtension(Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  RunningSandbox system() {
    return Objects.requireNonNull(system, "the sandbox runs from beforeAll to afterAll only");
  }

  Shop shop() {
    return Objects.requireNonNull(shop, "the sandbox runs from beforeAll to afterAll only");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    system = RunningSandbox.start(context.getRequiredTestClass(), overrides);
    shop = new Shop(system);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (system != null) {
      system.close();
    }
    system = null;
    shop = null;
  }
}
