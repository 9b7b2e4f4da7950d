package orderpay.apps.sandbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.stripe.StripeWebhookVerifier;
import orderpay.apps.gateway.Gateway;
import orderpay.apps.gateway.GatewayComponent;
import orderpay.apps.gateway.GatewayConfig;
import orderpay.apps.inventory.DaggerInventoryServiceComponent;
import orderpay.apps.inventory.InventoryServiceConfig;
import orderpay.apps.kit.BackendService;
import orderpay.apps.kit.RunningService;
import orderpay.apps.notification.DaggerNotificationServiceComponent;
import orderpay.apps.notification.NotificationServiceConfig;
import orderpay.apps.order.DaggerOrderServiceComponent;
import orderpay.apps.order.OrderServiceConfig;
import orderpay.apps.payment.DaggerPaymentServiceComponent;
import orderpay.apps.payment.PaymentServiceConfig;
import orderpay.apps.product.DaggerProductServiceComponent;
import orderpay.apps.product.ProductServiceConfig;
import orderpay.apps.stripe.Faults;
import orderpay.apps.stripe.StripeEmulator;
import orderpay.apps.user.DaggerUserServiceComponent;
import orderpay.apps.user.UserServiceConfig;
import orderpay.devstack.EmbeddedMailCatcher;
import orderpay.devstack.EmbeddedPostgresServer;
import orderpay.runtime.Env;
import orderpay.runtime.Lifecycle;

/**
 * Every service on embedded infrastructure, each wired exactly as its own main would wire it,
 * talking real gRPC over loopback and real Kafka. Only the environment differs. Without a {@code
 * STRIPE_SECRET_KEY} the payment service talks to the local Stripe emulator.
 */
public final class Sandbox implements AutoCloseable {
  private static final List<String> SERVICES_WITH_A_DATABASE =
      List.of("user", "product", "inventory", "order", "payment", "notification");
  private static final String EMULATOR_KEY = "sk_test_orderpay_emulator";

  private final Lifecycle lifecycle = new Lifecycle();
  private final SandboxSettings settings;
  private Env serviceEnv;
  private Gateway gateway;
  private StripeEmulator emulator;
  private EmbeddedMailCatcher mail;

  /**
   * The newest messages the mail catcher keeps in memory (every one is in the mail folder): a few
   * days of a person's clicking, under a minute of the benchmark.
   */
  static final int MAIL_KEPT_IN_MEMORY = 10_000;

  private final Map<String, String> targets = new HashMap<>();
  private final Map<String, Integer> adminPorts = new HashMap<>();

  /** Partitions per topic on the embedded broker: room for a few consumer replicas each. */
  public static final int TOPIC_PARTITIONS = 3;

  private Sandbox(SandboxSettings settings) {
    this.settings = settings;
  }

  /** Starts the services against a running PostgreSQL server and Kafka broker. */
  public static Sandbox start(
      Env base, SandboxSettings settings, EmbeddedPostgresServer postgres, String kafkaBootstrap) {
    var sandbox = new Sandbox(settings);
    try {
      sandbox.serviceEnv = sandbox.environment(base, postgres, kafkaBootstrap);
      KafkaTopics.ensureExist(KafkaSettings.fromEnv(sandbox.serviceEnv), TOPIC_PARTITIONS);
      sandbox.startServices();
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  private Env environment(Env base, EmbeddedPostgresServer postgres, String kafkaBootstrap) {
    var variables = new HashMap<>(sharedVariables(base, settings, postgres, kafkaBootstrap));
    variables.putAll(poolSizes(base));
    return base.with(variables);
  }

  /**
   * Connections per service in one JVM: {@value #POOL_SIZE} each unless {@code <S>_DB_POOL_SIZE}
   * says otherwise. Six pools of 16 kept 96 backends for two cores; with 6 each the bench measured
   * 103.7 and 122.2 paid orders/s against 90.8 and 92.0 with 16 (docs/performance.md, stop 22).
   */
  static Map<String, String> poolSizes(Env base) {
    var pools = new HashMap<String, String>();
    for (String service : SERVICES_WITH_A_DATABASE) {
      String pool = service.toUpperCase(Locale.ROOT) + "_DB_POOL_SIZE";
      if (base.optional(pool).isEmpty()) {
        pools.put(pool, Integer.toString(POOL_SIZE));
      }
    }
    return pools;
  }

  static final int POOL_SIZE = 6;

  /**
   * What every service of this system reads alike: databases (created here), Kafka, ports, admin,
   * JWT key and Stripe settings. The cluster hands the same variables to each service process.
   */
  public static Map<String, String> sharedVariables(
      Env base, SandboxSettings settings, EmbeddedPostgresServer postgres, String kafkaBootstrap) {
    var env = new HashMap<String, String>();
    for (String service : SERVICES_WITH_A_DATABASE) {
      String prefix = service.toUpperCase(Locale.ROOT) + "_";
      env.put(
          prefix + "DB_URL", postgres.ensureDatabase(settings.databasePrefix() + "_" + service));
      env.put(prefix + "DB_USER", postgres.user());
      env.put(prefix + "DB_PASSWORD", postgres.password());
    }
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
    settings
        .grpcPorts()
        .forEach(
            (service, port) ->
                env.put(service.toUpperCase(Locale.ROOT) + "_GRPC_PORT", Integer.toString(port)));
    env.put("GATEWAY_PORT", Integer.toString(settings.gatewayPort()));
    env.put("ORDERPAY_ADMIN_EMAIL", settings.adminEmail());
    env.put(
        "ORDERPAY_ADMIN_PASSWORD",
        base.optional("ORDERPAY_ADMIN_PASSWORD")
            .orElseGet(() -> KeptSecrets.read(settings.dataDir().resolve("admin-password"))));
    env.put(
        ServiceKey.VARIABLE,
        base.optional(ServiceKey.VARIABLE)
            .orElseGet(() -> KeptSecrets.read(settings.dataDir().resolve("service-key"), 32)));
    // on a developer's machine grpcurl may list the services; deployments leave it off
    env.put("ORDERPAY_GRPC_REFLECTION", base.get("ORDERPAY_GRPC_REFLECTION", "true"));
    if (base.optional("ORDERPAY_JWT_PRIVATE_JWK").isEmpty()) {
      env.put(
          "ORDERPAY_JWT_KEY_FILE",
          base.get(
              "ORDERPAY_JWT_KEY_FILE",
              settings.dataDir().resolve("jwt-signing-key.json").toString()));
    }
    env.put(
        "STRIPE_WEBHOOK_SECRET",
        base.optional("STRIPE_WEBHOOK_SECRET")
            .orElseGet(
                () ->
                    "whsec_"
                        + KeptSecrets.read(settings.dataDir().resolve("stripe-webhook-secret"))));
    if (base.optional("STRIPE_SECRET_KEY").isEmpty()) {
      env.put(
          "STRIPE_SECRET_KEY", EMULATOR_KEY); // not a secret: the emulator accepts any sk_test_ key
    }
    return env;
  }

  private void startServices() {
    if (serviceEnv.required("STRIPE_SECRET_KEY").equals(EMULATOR_KEY)) {
      emulator =
          lifecycle.own(
              StripeEmulator.start(
                  "127.0.0.1",
                  settings.stripeEmulatorPort(),
                  null,
                  serviceEnv.required("STRIPE_WEBHOOK_SECRET"),
                  Faults.fromEnv(serviceEnv)));
      serviceEnv = serviceEnv.with(Map.of("STRIPE_API_BASE", emulator.apiBase()));
      // as a Stripe endpoint is set up: only the events that move a payment (docs/operations.md)
      emulator.enableWebhookEvents(StripeWebhookVerifier.SUBSCRIBED_EVENTS);
      if (serviceEnv.optional("STRIPE_PUBLISHABLE_KEY").isPresent()) {
        // the intents live in the emulator: only its stand-in for Stripe.js can confirm them
        serviceEnv = serviceEnv.with(Map.of("STRIPE_JS_URL", emulator.stripeJsUrl()));
      }
    }
    if (serviceEnv.optional("SMTP_HOST").isEmpty()) {
      mail =
          lifecycle.own(
              EmbeddedMailCatcher.start(
                  settings.smtpPort(),
                  Optional.of(settings.dataDir().resolve("mail")),
                  MAIL_KEPT_IN_MEMORY));
      serviceEnv =
          serviceEnv.with(
              Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(mail.port())));
    }
    own("user", DaggerUserServiceComponent.factory(), UserServiceConfig.fromEnv(serviceEnv));
    // product, inventory and order verify customers' tokens with the user service's keys
    tellWhereTheyAnswer("user");
    own(
        "product",
        DaggerProductServiceComponent.factory(),
        ProductServiceConfig.fromEnv(serviceEnv));
    own(
        "inventory",
        DaggerInventoryServiceComponent.factory(),
        InventoryServiceConfig.fromEnv(serviceEnv));
    own(
        "payment",
        DaggerPaymentServiceComponent.factory(),
        PaymentServiceConfig.fromEnv(serviceEnv));
    tellWhereTheyAnswer("product", "inventory", "payment");
    own("order", DaggerOrderServiceComponent.factory(), OrderServiceConfig.fromEnv(serviceEnv));
    own(
        "notification",
        DaggerNotificationServiceComponent.factory(),
        NotificationServiceConfig.fromEnv(serviceEnv));
    tellWhereTheyAnswer("order", "notification");
    gateway =
        lifecycle.own(
            GatewayComponent.build(GatewayConfig.fromEnv(serviceEnv), Clock.systemUTC()).start());
    if (emulator != null) {
      emulator.webhookUrl(gateway.baseUrl() + "/api/v1/webhooks/stripe");
      int port = java.net.URI.create(gateway.baseUrl()).getPort();
      // the shop's page may call it from the browser (its Stripe.js stand-in), by either name
      emulator.allowBrowserOrigins(
          new java.util.HashSet<>(
              List.of(gateway.baseUrl(), "http://127.0.0.1:" + port, "http://localhost:" + port)));
    }
  }

  /** The services started next call {@code services} at {@code <SERVICE>_SERVICE_TARGET}. */
  private void tellWhereTheyAnswer(String... services) {
    var variables = new HashMap<String, String>();
    for (String service : services) {
      variables.put(service.toUpperCase(Locale.ROOT) + "_SERVICE_TARGET", targets.get(service));
    }
    serviceEnv = serviceEnv.with(variables);
  }

  /** Builds a service as its own main does, with this sandbox's environment, and starts it. */
  private <C> RunningService own(String name, BackendService.Factory<C> factory, C config) {
    return own(name, factory.create(config, Clock.systemUTC()).start());
  }

  private RunningService own(String name, RunningService service) {
    targets.put(name, service.target());
    adminPorts.put(name, service.adminPort());
    return lifecycle.own(service);
  }

  /** Where a service answers {@code GET /metrics}. */
  public int adminPort(String service) {
    return adminPorts.get(service);
  }

  /** A service's gRPC address (tests drive some services directly). */
  public String target(String service) {
    return targets.get(service);
  }

  /** How a tool or test signs its gRPC calls to the services as {@code caller}. */
  public ServiceCredentials credentials(String caller) {
    return new ServiceCredentials(ServiceKey.of(serviceEnv.required(ServiceKey.VARIABLE)), caller);
  }

  public String inventoryTarget() {
    return target("inventory");
  }

  /** The embedded SMTP catcher, unless SMTP_HOST pointed the service at a real server. */
  public Optional<EmbeddedMailCatcher> mail() {
    return Optional.ofNullable(mail);
  }

  public Optional<StripeEmulator> emulator() {
    return Optional.ofNullable(emulator);
  }

  public String gatewayUrl() {
    return gateway.baseUrl();
  }

  public String adminEmail() {
    return serviceEnv.required("ORDERPAY_ADMIN_EMAIL");
  }

  public String adminPassword() {
    return serviceEnv.required("ORDERPAY_ADMIN_PASSWORD");
  }

  public Env environment() {
    return serviceEnv;
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
