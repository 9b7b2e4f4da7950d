package orderpay.apps.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import orderpay.adapters.embedded.EmbeddedPostgresServer;
import orderpay.adapters.runtime.Env;
import orderpay.adapters.runtime.Lifecycle;
import orderpay.apps.gateway.Gateway;
import orderpay.apps.gateway.GatewayComponent;
import orderpay.apps.gateway.GatewayConfig;
import orderpay.apps.inventory.InventoryServiceComponent;
import orderpay.apps.inventory.InventoryServiceConfig;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceSettings;
import orderpay.apps.product.ProductServiceComponent;
import orderpay.apps.product.ProductServiceMain;
import orderpay.apps.user.UserServiceComponent;
import orderpay.apps.user.UserServiceConfig;

/**
 * Every service on embedded infrastructure, each wired exactly as its own main would wire it,
 * talking real gRPC over loopback and real Kafka. Only the environment differs.
 */
public final class Sandbox implements AutoCloseable {
  private static final java.util.List<String> SERVICES_WITH_A_DATABASE =
      java.util.List.of("user", "product", "inventory");

  private final Lifecycle lifecycle = new Lifecycle();
  private final Env serviceEnv;
  private Gateway gateway;
  private RunningService userService;
  private String inventoryTarget;

  private Sandbox(Env serviceEnv) {
    this.serviceEnv = serviceEnv;
  }

  /**
   * Starts the services against a running PostgreSQL server and Kafka broker. The environment
   * {@code base} may override any service setting.
   */
  public static Sandbox start(
      Env base, SandboxSettings settings, EmbeddedPostgresServer postgres, String kafkaBootstrap) {
    var overrides = new java.util.HashMap<String, String>();
    for (String service : SERVICES_WITH_A_DATABASE) {
      String prefix = service.toUpperCase(java.util.Locale.ROOT) + "_";
      overrides.put(
          prefix + "DB_URL", postgres.ensureDatabase(settings.databasePrefix() + "_" + service));
      overrides.put(prefix + "DB_USER", postgres.user());
      overrides.put(prefix + "DB_PASSWORD", postgres.password());
    }
    overrides.put("USER_GRPC_PORT", Integer.toString(settings.userGrpcPort()));
    overrides.put("PRODUCT_GRPC_PORT", Integer.toString(settings.productGrpcPort()));
    overrides.put("INVENTORY_GRPC_PORT", Integer.toString(settings.inventoryGrpcPort()));
    Env env =
        base.with(overrides)
            .with(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap,
                    "GATEWAY_PORT", Integer.toString(settings.gatewayPort()),
                    "ORDERPAY_ADMIN_EMAIL", settings.adminEmail(),
                    "ORDERPAY_ADMIN_PASSWORD",
                        base.optional("ORDERPAY_ADMIN_PASSWORD")
                            .orElseGet(
                                () -> keptSecret(settings.dataDir().resolve("admin-password")))));
    if (base.optional("ORDERPAY_JWT_PRIVATE_JWK").isEmpty()) {
      env =
          env.with(
              Map.of(
                  "ORDERPAY_JWT_KEY_FILE",
                  base.get(
                      "ORDERPAY_JWT_KEY_FILE",
                      settings.dataDir().resolve("jwt-signing-key.json").toString())));
    }
    var sandbox = new Sandbox(env);
    try {
      sandbox.startServices();
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  private void startServices() {
    var clock = Clock.systemUTC();
    userService =
        lifecycle.own(
            UserServiceComponent.build(UserServiceConfig.fromEnv(serviceEnv), clock).start());
    var productService =
        lifecycle.own(
            ProductServiceComponent.build(
                    ServiceSettings.fromEnv(serviceEnv, "product", ProductServiceMain.DEFAULT_PORT),
                    clock)
                .start());
    var inventoryService =
        lifecycle.own(
            InventoryServiceComponent.build(InventoryServiceConfig.fromEnv(serviceEnv), clock)
                .start());
    inventoryTarget = inventoryService.target();
    var gatewayEnv =
        serviceEnv.with(
            Map.of(
                "USER_SERVICE_TARGET", userService.target(),
                "PRODUCT_SERVICE_TARGET", productService.target(),
                "INVENTORY_SERVICE_TARGET", inventoryService.target()));
    gateway =
        lifecycle.own(GatewayComponent.build(GatewayConfig.fromEnv(gatewayEnv), clock).start());
  }

  /** The inventory service's gRPC address (tests drive reservations there directly). */
  public String inventoryTarget() {
    return inventoryTarget;
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

  /** A dev-only secret generated once and kept (mode 600) in the git-ignored data folder. */
  static String keptSecret(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.createDirectories(file.getParent());
      Files.writeString(file, secret);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
