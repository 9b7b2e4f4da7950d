package orderpay.apps.sandbox.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import orderpay.apps.sandbox.chaos.LoggedHttp.Customer;

/**
 * A steady mixed load through the public REST API, as customers would make it: paid, declined and
 * 3-D Secure orders, client-side confirmation with the client secret, cancels of pending and paid
 * orders, the same Idempotency-Key from parallel clients, and many clients racing for the last
 * units of a product. It only needs a gateway URL (and Stripe's, for what a browser does there), so
 * it drives the one-JVM sandbox and the process-per-service cluster alike. Every request and answer
 * goes to a {@link RequestLog} for the auditor. Each client draws its actions from {@code
 * Random(seed + client)}: the same seed gives the same requests (the interleaving is the OS's).
 */
public final class LoadDriver {
  /**
   * @param gatewayUrl the public REST API
   * @param stripeApiBase where a customer's browser reaches Stripe (the emulator): 3-D Secure and
   *     client-side confirmation
   * @param clients concurrent customers placing orders
   * @param actionsPerClient how many actions each of them takes
   * @param products products created, each with {@code unitsPerProduct} units
   * @param racers clients racing for the {@code racedUnits} units of one more product
   * @param thinkTime a client's pause between two actions; zero: it acts again at once
   */
  public record Settings(
      String gatewayUrl,
      String stripeApiBase,
      String adminEmail,
      String adminPassword,
      long seed,
      int clients,
      int actionsPerClient,
      int products,
      long unitsPerProduct,
      int racers,
      long racedUnits,
      Duration requestTimeout,
      Duration thinkTime) {
    public Settings {
      if (clients < 1 || actionsPerClient < 0 || products < 1 || racers < 0) {
        throw new IllegalArgumentException("a load needs clients, actions and products");
      }
    }

    /** A small load that a test or a short chaos run can afford. */
    public static Settings small(
        String gatewayUrl,
        String stripeApiBase,
        String adminEmail,
        String adminPassword,
        long seed) {
      return new Settings(
          gatewayUrl,
          stripeApiBase,
          adminEmail,
          adminPassword,
          seed,
          4,
          10,
          3,
          30,
          8,
          3,
          Duration.ofSeconds(30),
          Duration.ZERO);
    }
  }

  private final Settings settings;
  private final RequestLog log;
  private final ShopSetup setup;
  private final CustomerActions actions;
  private final CountDownLatch underWay = new CountDownLatch(1);
  private volatile boolean stopping;

  public LoadDriver(Settings settings, RequestLog log) {
    this.settings = settings;
    this.log = log;
    var http = new LoggedHttp(settings.requestTimeout(), log);
    this.setup = new ShopSetup(http, settings.gatewayUrl(), log, settings.seed());
    this.actions =
        new CustomerActions(
            new OrderCalls(http, settings.gatewayUrl(), settings.stripeApiBase()), settings.seed());
  }

  /**
   * Asks the clients to finish the action they are in and take no more; {@link #run()} returns
   * then. A chaos run keeps the load going ({@code actionsPerClient} large) until it calls this.
   */
  public void stop() {
    stopping = true;
  }

  /** Waits until set-up and the race are done and the clients are placing orders. */
  public boolean awaitUnderWay(Duration timeout) throws InterruptedException {
    return underWay.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sets up customers and products, runs the race and the mixed load; returns the log. */
  public RequestLog run() {
    String admin = setup.firstLogin(settings.adminEmail(), settings.adminPassword());
    var products = new ArrayList<String>();
    for (int i = 0; i < settings.products(); i++) {
      products.add(
          setup.product(admin, "Chaos item " + i, 500 + 250L * i, settings.unitsPerProduct()));
    }
    var customers = new ArrayList<Customer>();
    for (int i = 0; i < Math.max(settings.clients(), settings.racers()); i++) {
      customers.add(setup.customer(i));
    }
    if (settings.racers() > 0) {
      String scarce = setup.product(admin, "Last units", 4_999, settings.racedUnits());
      actions.race(scarce, customers.subList(0, settings.racers()));
    }
    underWay.countDown();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var running = new ArrayList<Future<?>>();
      for (int c = 0; c < settings.clients(); c++) {
        int client = c;
        running.add(
            pool.submit(
                () -> {
                  var random = new Random(settings.seed() * 1_000_003L + client);
                  for (int n = 0; n < settings.actionsPerClient() && !stopping; n++) {
                    actions.act(client, n, random, customers.get(client), products);
                    if (settings.thinkTime().isPositive()) {
                      LoggedHttp.pause(settings.thinkTime()); // a customer, not a benchmark
                    }
                  }
                }));
      }
      for (var future : running) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a client failed", e.getCause());
    }
    return log;
  }
}
