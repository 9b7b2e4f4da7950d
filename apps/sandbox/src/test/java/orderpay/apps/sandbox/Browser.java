package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, driven by Debian's chromedriver through Selenium, for the storefront's tests.
 * Both binaries are named explicitly, so Selenium Manager never runs and nothing is downloaded; the
 * browser resolves no host name but loopback, so it talks to the sandbox alone. Without them the
 * tests are skipped (with the install command), except under {@code CI=true}, where that is a
 * failure.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM =
      Path.of(System.getProperty("orderpay.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("orderpay.chromedriver", "/usr/bin/chromedriver"));
  static final String INSTALL = "apt-get install chromium chromium-driver";
  static final Duration PATIENCE = Duration.ofSeconds(45);

  /** Where every page snapshot goes; ORDERPAY_SCREENSHOTS copies them on (docs/screenshots). */
  static final Path SNAPSHOTS = Path.of("target", "screenshots");

  static final Path FAILURES = Path.of("target", "browser-failures");

  final ChromeDriver driver;
  private final String baseUrl;

  private Browser(ChromeDriver driver, String baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
  }

  /** Skips the calling test class when the browser is missing; fails instead under CI=true. */
  static void assumeInstalled() {
    String missing =
        !Files.isExecutable(CHROMIUM)
            ? CHROMIUM + " is missing"
            : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER + " is missing" : null;
    if (missing == null) {
      return;
    }
    String message =
        "the storefront's browser tests need Debian's chromium and chromedriver ("
            + missing
            + "); install them with: "
            + INSTALL;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("CI=true: " + message);
    }
    System.err.println("StorefrontBrowserTest skipped: " + message);
    Assumptions.abort(message);
  }

  static Browser start(String baseUrl) {
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // root in CI containers
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1024,768",
        "--lang=en-US",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-sync",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
        "--no-pings",
        "--mute-audio",
        "--password-store=basic",
        // only loopback resolves: the browser cannot reach anything but the sandbox
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(new File("target", "chromedriver.log"))
            .build();
    var driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
    return new Browser(driver, baseUrl);
  }

  /** Opens a path of the shop and waits for its page to be drawn. */
  Browser open(String path) {
    driver.get(baseUrl + path);
    waitFor(d -> !d.findElements(By.cssSelector("main h1")).isEmpty(), "a page heading");
    return this;
  }

  /** A fresh visitor: no session, no cart. */
  void forgetEverything() {
    driver.get(baseUrl + "/");
    script("localStorage.clear(); sessionStorage.clear();");
    driver.manage().deleteAllCookies();
  }

  Object script(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javascript, args);
  }

  <T> T waitFor(Function<WebDriver, T> condition, String what) {
    return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100))
        .withMessage(() -> "waiting for " + what + "; the page says: " + mainText())
        // the pages re-render: an element found a moment ago may be replaced before it is read
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition);
  }

  /** The element once the page shows it (pages render after their API calls answer). */
  WebElement element(By locator) {
    return waitFor(d -> d.findElement(locator), "an element " + locator);
  }

  String mainText() {
    try {
      return driver.findElement(By.id("main")).getText();
    } catch (RuntimeException e) {
      return "(no page: " + e.getMessage() + ")";
    }
  }

  String heading() {
    return driver.findElement(By.cssSelector("main h1")).getText();
  }

  /** Waits until the main area shows the text. */
  Browser sees(String text) {
    waitFor(d -> mainText().contains(text), "“" + text + "”");
    return this;
  }

  Browser seesHeading(String text) {
    waitFor(d -> heading().equals(text), "the heading “" + text + "”");
    return this;
  }

  String currentPath() {
    return driver.getCurrentUrl().substring(baseUrl.length());
  }

  /** The form control a visible label names (by its text, or the start of it). */
  WebElement field(String label) {
    var labelElement =
        waitFor(
            d ->
                d.findElements(By.tagName("label")).stream()
                    .filter(l -> l.getText().strip().startsWith(label))
                    .findFirst()
                    .orElse(null),
            "a field labelled “" + label + "”");
    return driver.findElement(By.id(labelElement.getDomAttribute("for")));
  }

  Browser fill(String label, String text) {
    var input = field(label);
    input.clear();
    input.sendKeys(text);
    return this;
  }

  Browser choose(String labelStart) {
    field(labelStart).click();
    return this;
  }

  WebElement button(String name) {
    return waitFor(
        d ->
            d.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().strip().startsWith(name) && b.isEnabled())
                .findFirst()
                .orElse(null),
        "a button “" + name + "”");
  }

  Browser press(String buttonName) {
    button(buttonName).click();
    return this;
  }

  Browser follow(String linkText) {
    waitFor(d -> d.findElement(By.partialLinkText(linkText)), "a link “" + linkText + "”").click();
    return this;
  }

  /** Submits the field's form with the Enter key, as a keyboard user does. */
  Browser enterIn(String label) {
    field(label).sendKeys(Keys.ENTER);
    return this;
  }

  /**
   * What every page must offer: a language, one heading to land on, a name for every control, and
   * no box wider than the window (so it works at 375 px), and never an API error as raw JSON.
   */
  void checkPage() {
    @SuppressWarnings("unchecked")
    var problems =
        (List<String>)
            script(
                """
                const problems = [];
                if (!document.documentElement.lang) problems.push('no lang on <html>');
                if (document.querySelectorAll('main h1').length !== 1) problems.push('not one h1');
                for (const el of document.querySelectorAll('input, select, textarea')) {
                  if (el.type === 'hidden') continue;
                  if (!el.labels.length && !el.getAttribute('aria-label')) problems.push('unlabelled ' + el.outerHTML);
                }
                for (const b of document.querySelectorAll('button, a')) {
                  if (!b.textContent.trim() && !b.getAttribute('aria-label')) problems.push('nameless ' + b.outerHTML);
                }
                if (document.documentElement.scrollWidth > window.innerWidth + 1)
                  problems.push('wider than the window: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
                if (/[{]\\s*"error"/.test(document.body.innerText)) problems.push('raw JSON shown');
                return problems;
                """);
    assertThat(problems).as("accessibility and layout of %s", currentPath()).isEmpty();
  }

  private boolean phone;

  /** Renders as a 375 px wide phone until {@link #desktop()}. */
  void phone() {
    phone = true;
    screen(PHONE_HEIGHT);
  }

  void desktop() {
    phone = false;
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  private static final int PHONE_HEIGHT = 740;

  private void screen(long height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width",
            phone ? 375 : 1024,
            "height",
            height,
            "deviceScaleFactor",
            1,
            "mobile",
            phone));
  }

  /**
   * Saves what the window shows as {@code target/screenshots/<name>.png}; with ORDERPAY_SCREENSHOTS
   * set (a folder, relative to the repository), also there: {@code
   * ORDERPAY_SCREENSHOTS=docs/screenshots} refreshes the README's pictures.
   */
  void snapshot(String name) {
    try {
      Files.createDirectories(SNAPSHOTS);
      Path png = SNAPSHOTS.resolve(name + ".png");
      // the whole page, not just the window: as tall as it is (within reason), then back
      long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight)");
      screen(Math.min(Math.max(height, phone ? PHONE_HEIGHT : 600), 1800));
      try {
        Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
      } finally {
        if (phone) {
          phone();
        } else {
          desktop();
        }
      }
      String copyTo = System.getenv("ORDERPAY_SCREENSHOTS");
      if (copyTo != null && !copyTo.isBlank()) {
        Path folder = repositoryRoot().resolve(copyTo);
        Files.createDirectories(folder);
        Files.copy(png, folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the repository");
    }
    return dir;
  }

  @Override
  public void close() {
    driver.quit();
  }

  /**
   * A failed test leaves {@code target/browser-failures/<test>.png} and the page's HTML behind,
   * taken before anything is cleaned up.
   */
  static final class FailureScreenshots implements AfterTestExecutionCallback {
    private final java.util.function.Supplier<Browser> browser;

    FailureScreenshots(java.util.function.Supplier<Browser> browser) {
      this.browser = browser;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      var current = browser.get();
      if (context.getExecutionException().isEmpty() || current == null) {
        return;
      }
      String name =
          context.getRequiredTestClass().getSimpleName()
              + "-"
              + context.getRequiredTestMethod().getName();
      try {
        Files.createDirectories(FAILURES);
        Files.write(
            FAILURES.resolve(name + ".png"), current.driver.getScreenshotAs(OutputType.BYTES));
        Files.writeString(
            FAILURES.resolve(name + ".html"),
            current.driver.getPageSource(),
            StandardCharsets.UTF_8);
        System.err.println("browser screenshot of the failure: " + FAILURES.resolve(name + ".png"));
      } catch (IOException | RuntimeException e) {
        System.err.println("could not save the failure's screenshot: " + e);
      }
    }
  }
}
