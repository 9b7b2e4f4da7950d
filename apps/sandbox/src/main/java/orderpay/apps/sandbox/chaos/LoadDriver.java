package orderpay.apps.sandbox.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import orderpay.apps.sandbox.chaos.RequestLog.Kind;

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

    /** Clients that act again as soon as an action is done. */
    public Settings(
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
        Duration requestTimeout) {
      this(
          gatewayUrl,
          stripeApiBase,
          adminEmail,
          adminPassword,
          seed,
          clients,
          actionsPerClient,
          products,
          unitsPerProduct,
          racers,
          racedUnits,
          requestTimeout,
          Duration.ZERO);
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
          Duration.ofSeconds(30));
    }
  }

  /** What one client does next. */
  enum Action {
    PAY_WITH_CARD,
    DECLINED_CARD,
    THREE_D_SECURE,
    CONFIRM_IN_BROWSER,
    CANCEL_PENDING,
    REFUND_PAID,
    SAME_KEY_IN_PARALLEL;

    /** Weighted so paid orders dominate, as in a shop. */
    static Action draw(Random random) {
      int roll = random.nextInt(100);
      if (roll < 30) {
        return PAY_WITH_CARD;
      } else if (roll < 42) {
        return DECLINED_CARD;
      } else if (roll < 54) {
        return THREE_D_SECURE;
      } else if (roll < 66) {
        return CONFIRM_IN_BROWSER;
      } else if (roll < 78) {
        return CANCEL_PENDING;
      } else if (roll < 90) {
        return REFUND_PAID;
      }
      return SAME_KEY_IN_PARALLEL;
    }
  }

  private record Customer(String userId, String token) {}

  private record Answer(int status, JsonNode body) {
    /** The id of what the answer describes (an order, a product). */
    String id() {
      return body == null ? null : text(body.get("id"));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PUBLISHABLE_KEY = "pk_test_orderpay_load_driver";
  private static final int CREATE_ATTEMPTS = 4;

  private final Settings settings;
  private final RequestLog log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  private final CountDownLatch underWay = new CountDownLatch(1);
  private volatile boolean stopping;

  public LoadDriver(Settings settings, RequestLog log) {
    this.settings = settings;
    this.log = log;
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
    return underWay.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Sets up customers and products, runs the race and the mixed load; returns the log. */
  public RequestLog run() {
    String admin = firstLogin();
    var products = new ArrayList<String>();
    for (int i = 0; i < settings.products(); i++) {
      products.add(product(admin, "Chaos item " + i, 500 + 250L * i, settings.unitsPerProduct()));
    }
    var customers = new ArrayList<Customer>();
    for (int i = 0; i < Math.max(settings.clients(), settings.racers()); i++) {
      customers.add(customer(i));
    }
    if (settings.racers() > 0) {
      race(admin, customers);
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
                    act(client, n, random, customers.get(client), products);
                    if (settings.thinkTime().isPositive()) {
                      pause(settings.thinkTime()); // a customer, not a benchmark
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

  private void act(int client, int n, Random random, Customer customer, List<String> products) {
    String who = "client-" + client;
    String product = products.get(random.nextInt(products.size()));
    long quantity = 1 + random.nextInt(3);
    String key = "drv-%d-%d-%d".formatted(settings.seed(), client, n);
    switch (Action.draw(random)) {
      case PAY_WITH_CARD -> order(who, customer, product, quantity, "pm_card_visa", key);
      case DECLINED_CARD -> order(who, customer, product, quantity, "pm_card_chargeDeclined", key);
      case THREE_D_SECURE -> {
        var placed = order(who, customer, product, quantity, "pm_card_threeDSecure2Required", key);
        String intent = intentOf(who, customer, placed);
        if (intent == null) {
          cancelIfPlaced(who, customer, placed);
        } else {
          boolean completes = random.nextInt(4) != 0; // some customers give up on the challenge
          if (!completes || authenticate(who, customer, placed.id(), intent) != 200) {
            cancel(who, customer, placed.id());
          }
        }
      }
      case CONFIRM_IN_BROWSER -> {
        var placed = order(who, customer, product, quantity, null, key);
        String intent = intentOf(who, customer, placed);
        if (intent == null) {
          cancelIfPlaced(who, customer, placed);
        } else {
          String card = random.nextInt(5) == 0 ? "pm_card_chargeDeclined" : "pm_card_visa";
          String secret = clientSecretOf(who, customer, placed);
          if (confirmInBrowser(who, customer, placed.id(), intent, secret, card) != 200) {
            cancel(who, customer, placed.id());
          }
        }
      }
      case CANCEL_PENDING -> {
        var placed = order(who, customer, product, quantity, null, key);
        if (placed.status() / 100 == 2) {
          cancel(who, customer, placed.id());
        }
      }
      case REFUND_PAID -> {
        var placed = order(who, customer, product, quantity, "pm_card_visa", key);
        if (placed.status() / 100 == 2) {
          cancel(who, customer, placed.id());
        }
      }
      case SAME_KEY_IN_PARALLEL -> {
        String card = random.nextBoolean() ? "pm_card_visa" : null;
        var start = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
          var answers = new ArrayList<Future<Answer>>();
          for (int twin = 0; twin < 3; twin++) {
            String twinName = who + "-twin-" + twin;
            answers.add(
                pool.submit(
                    () -> {
                      start.await();
                      return order(twinName, customer, product, quantity, card, key);
                    }));
          }
          start.countDown();
          for (var answer : answers) {
            var placed = answer.get();
            if (card == null && placed.status() / 100 == 2) {
              cancel(who, customer, placed.id()); // leave nothing PENDING behind
              break;
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
    }
  }

  /** Every racer orders one unit of a product with fewer units than racers, at the same moment. */
  private void race(String admin, List<Customer> customers) {
    String scarce = product(admin, "Last units", 4_999, settings.racedUnits());
    var start = new CountDownLatch(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int r = 0; r < settings.racers(); r++) {
        int racer = r;
        pool.submit(
            () -> {
              start.await();
              return order(
                  "racer-" + racer,
                  customers.get(racer),
                  scarce,
                  1,
                  "pm_card_visa",
                  "drv-%d-race-%d".formatted(settings.seed(), racer));
            });
      }
      start.countDown();
    }
  }

  private Answer order(
      String who,
      Customer customer,
      String product,
      long quantity,
      String paymentMethod,
      String idempotencyKey) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("items").addObject().put("product_id", product).put("quantity", quantity);
    body.put("shipping_address", "1 Chaos Street");
    body.put("currency", "EUR");
    if (paymentMethod != null) {
      body.put("payment_method", paymentMethod);
    }
    // like a careful client: no answer or a 5xx may still have placed the order, so ask again
    // with the same key to learn which (or place it now)
    Answer answer = null;
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      answer =
          send(
              who,
              Kind.CREATE_ORDER,
              "POST",
              settings.gatewayUrl() + "/api/v1/orders",
              body.toString(),
              "application/json",
              customer,
              idempotencyKey,
              null);
      if (answer.status() != 0 && answer.status() < 500) {
        break;
      }
      pause(Duration.ofMillis(500L * attempt));
    }
    return answer;
  }

  private void cancel(String who, Customer customer, String orderId) {
    send(
        who,
        Kind.CANCEL_ORDER,
        "POST",
        settings.gatewayUrl() + "/api/v1/orders/" + orderId + "/cancel",
        "",
        null,
        customer,
        null,
        orderId);
  }

  /** What Stripe.js does when the customer passes the 3-D Secure challenge. */
  private int authenticate(String who, Customer customer, String orderId, String intent) {
    return send(
            who,
            Kind.AUTHENTICATE_3DS,
            "POST",
            settings.stripeApiBase() + "/_emulator/payment_intents/" + intent + "/authenticate",
            "",
            null,
            customer,
            null,
            orderId)
        .status();
  }

  /** What Stripe.js does with the client secret: confirm the intent with a publishable key. */
  private int confirmInBrowser(
      String who, Customer customer, String orderId, String intent, String secret, String card) {
    String form =
        "payment_method="
            + URLEncoder.encode(card, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return send(
            who,
            Kind.CONFIRM_IN_BROWSER,
            "POST",
            settings.stripeApiBase() + "/v1/payment_intents/" + intent + "/confirm",
            form,
            "application/x-www-form-urlencoded",
            new Customer(customer.userId(), null),
            null,
            orderId,
            PUBLISHABLE_KEY)
        .status();
  }

  /**
   * The order's PaymentIntent, from the answer or, when the payment step was slow (Stripe retried),
   * from the order as it is a little later: what a shop's front end would poll.
   */
  private String intentOf(String who, Customer customer, Answer placed) {
    if (placed.status() / 100 != 2 || placed.body() == null) {
      return null;
    }
    String intent = text(placed.body().at("/payment/provider_payment_id"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    while (intent == null && Instant.now().isBefore(deadline)) {
      pause(Duration.ofMillis(200));
      var order = fetchOrder(who, customer, placed.id());
      if (order.status() == 200) {
        intent = text(order.body().at("/payment/provider_payment_id"));
      }
    }
    return intent;
  }

  private String clientSecretOf(String who, Customer customer, Answer placed) {
    String secret = text(placed.body().at("/payment/client_secret"));
    if (secret != null) {
      return secret;
    }
    var order = fetchOrder(who, customer, placed.id());
    String fetched = order.body() == null ? null : text(order.body().at("/payment/client_secret"));
    return fetched == null ? "" : fetched;
  }

  private Answer fetchOrder(String who, Customer customer, String orderId) {
    return send(
        who,
        Kind.OTHER,
        "GET",
        settings.gatewayUrl() + "/api/v1/orders/" + orderId,
        null,
        null,
        customer,
        null,
        orderId);
  }

  /** A customer who cannot pay gives the order up rather than leave it waiting. */
  private void cancelIfPlaced(String who, Customer customer, Answer placed) {
    if (placed.status() / 100 == 2 && "PENDING".equals(text(placed.body().get("status")))) {
      cancel(who, customer, placed.id());
    }
  }

  /**
   * The admin's login, asked again for up to a minute: a service the previous scenario killed can
   * be serving again while the gateway's channel to it still waits out its reconnect backoff (full
   * battery run 19: the load never started). Logging in changes nothing, so asking again is safe.
   */
  private String firstLogin() {
    var deadline = java.time.Instant.now().plusSeconds(60);
    while (true) {
      try {
        return login("setup", settings.adminEmail(), settings.adminPassword());
      } catch (IllegalStateException refused) {
        if (java.time.Instant.now().isAfter(deadline)) {
          throw refused;
        }
        pause(Duration.ofMillis(500));
      }
    }
  }

  private String login(String who, String email, String password) {
    ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
    var answer =
        send(
            who,
            Kind.OTHER,
            "POST",
            settings.gatewayUrl() + "/api/v1/auth/token",
            body.toString(),
            "application/json",
            null,
            null,
            null);
    if (answer.status() != 200) {
      throw new IllegalStateException("login of " + email + " answered " + answer.status());
    }
    return answer.body().get("access_token").asText();
  }

  private String product(String admin, String name, long price, long units) {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("initial_stock", units);
    body.putObject("price").put("amount", price).put("currency", "EUR");
    // right after a restart of the user service with the gateway or the product service, the
    // admin's fresh token cannot be checked for a moment (their key sets are read again): ask
    // again for up to a minute. A product made twice is harmless: the audit checks only the
    // counters of a product the driver did not stock
    Instant creating = Instant.now().plus(Duration.ofSeconds(60));
    Answer answer;
    while (true) {
      answer =
          send(
              "setup",
              Kind.OTHER,
              "POST",
              settings.gatewayUrl() + "/api/v1/products",
              body.toString(),
              "application/json",
              new Customer(null, admin),
              null,
              null);
      boolean notYet = answer.status() == 0 || answer.status() == 401 || answer.status() >= 500;
      if (!notYet || Instant.now().isAfter(creating)) {
        break;
      }
      pause(Duration.ofMillis(500));
    }
    if (answer.status() != 201) {
      throw new IllegalStateException("creating a product answered " + answer.status());
    }
    String id = answer.id();
    log.supplied(id, units);
    // the product service tells inventory over Kafka: wait until the stock is orderable
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (send(
                "setup",
                Kind.OTHER,
                "GET",
                settings.gatewayUrl() + "/api/v1/products/" + id + "/stock",
                null,
                null,
                null,
                null,
                null)
            .status()
        != 200) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the stock of " + id + " never appeared");
      }
      pause(Duration.ofMillis(100));
    }
    return id;
  }

  private Customer customer(int index) {
    String email = "chaos-%d-%d@example.com".formatted(settings.seed(), index);
    String password = "chaos-password-" + index;
    ObjectNode body =
        JSON.createObjectNode()
            .put("email", email)
            .put("password", password)
            .put("name", "C" + index);
    var created =
        send(
            "setup",
            Kind.OTHER,
            "POST",
            settings.gatewayUrl() + "/api/v1/users",
            body.toString(),
            "application/json",
            null,
            null,
            null);
    String token = login("setup", email, password);
    String userId;
    if (created.status() == 201) {
      userId = created.body().get("id").asText();
    } else { // taken by an earlier run with the same seed on the same system
      userId =
          send(
                  "setup",
                  Kind.OTHER,
                  "GET",
                  settings.gatewayUrl() + "/api/v1/users/me",
                  null,
                  null,
                  new Customer(null, token),
                  null,
                  null)
              .body()
              .get("id")
              .asText();
    }
    return new Customer(userId, token);
  }

  private Answer send(
      String who,
      Kind kind,
      String method,
      String url,
      String body,
      String contentType,
      Customer customer,
      String idempotencyKey,
      String orderId) {
    return send(who, kind, method, url, body, contentType, customer, idempotencyKey, orderId, null);
  }

  private Answer send(
      String who,
      Kind kind,
      String method,
      String url,
      String body,
      String contentType,
      Customer customer,
      String idempotencyKey,
      String orderId,
      String bearer) {
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(settings.requestTimeout())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    String token = bearer != null ? bearer : customer == null ? null : customer.token();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    long sent = System.currentTimeMillis();
    int status = 0;
    JsonNode answer = null;
    try {
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      if (!response.body().isBlank()
          && response.headers().firstValue("Content-Type").orElse("").contains("json")) {
        answer = JSON.readTree(response.body());
      }
    } catch (IOException e) {
      // no answer (timeout, connection cut): status 0, outcome unknown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean credentials = url.contains("/auth/") || url.endsWith("/users");
    String named =
        kind == Kind.CREATE_ORDER && answer != null && status / 100 == 2
            ? text(answer.get("id"))
            : orderId;
    log.record(
        who,
        kind,
        method,
        url.replaceFirst("^https?://[^/]+", ""),
        customer == null ? null : customer.userId(),
        idempotencyKey,
        credentials ? "(credentials)" : body,
        status,
        named,
        answer == null ? null : text(answer.at("/error/code")),
        sent,
        System.currentTimeMillis() - sent);
    return new Answer(status, answer);
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || node.asText().isEmpty()
        ? null
        : node.asText();
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
