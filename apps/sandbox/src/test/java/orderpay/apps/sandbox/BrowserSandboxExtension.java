package orderpay.apps.sandbox;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system and a browser on its gateway, for the browser tests: the class is skipped
 * (before anything starts) without chromium, and a failed test leaves a screenshot.
 */
final class BrowserSandboxExtension extends SandboxExtension implements AfterTestExecutionCallback {
  private Browser browser;

  Browser browser() {
    return Objects.requireNonNull(browser, "the browser runs from beforeAll to afterAll only");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Browser.assumeInstalled();
    super.beforeAll(context);
    browser = Browser.start(system().sandbox.gatewayUrl());
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    new Browser.FailureScreenshots(() -> browser).afterTestExecution(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      browser = null;
      super.afterAll(context);
    }
  }
}
