package orderpay.apps.sandbox;

import java.nio.file.Path;
import orderpay.adapters.runtime.Env;

/**
 * The sandbox's own knobs; every service reads the rest of the environment as it would alone.
 * {@code databasePrefix} keeps several systems on one PostgreSQL server apart (tests).
 */
public record SandboxSettings(
    Path dataDir,
    int postgresPort,
    int kafkaPort,
    int userGrpcPort,
    int productGrpcPort,
    int inventoryGrpcPort,
    int orderGrpcPort,
    int paymentGrpcPort,
    int notificationGrpcPort,
    int smtpPort,
    int stripeEmulatorPort,
    int gatewayPort,
    String adminEmail,
    String databasePrefix) {

  /** Every port picked freely: for tests and throw-away demo systems that must not clash. */
  public static SandboxSettings ephemeral(Path dataDir, String adminEmail, String databasePrefix) {
    return new SandboxSettings(
        dataDir, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, adminEmail, databasePrefix);
  }

  public static SandboxSettings fromEnv(Env env) {
    return new SandboxSettings(
        Path.of(env.get("ORDERPAY_DATA_DIR", ".orderpay-data")).toAbsolutePath(),
        env.integer("ORDERPAY_PG_PORT", 55432),
        env.integer("ORDERPAY_KAFKA_PORT", 59092),
        env.integer("USER_GRPC_PORT", 50051),
        env.integer("PRODUCT_GRPC_PORT", 50052),
        env.integer("INVENTORY_GRPC_PORT", 50053),
        env.integer("ORDER_GRPC_PORT", 50054),
        env.integer("PAYMENT_GRPC_PORT", 50055),
        env.integer("NOTIFICATION_GRPC_PORT", 50056),
        env.integer("SMTP_PORT", 3025),
        env.integer("STRIPE_EMULATOR_PORT", 12111),
        env.integer("GATEWAY_PORT", 8080),
        env.get("ORDERPAY_ADMIN_EMAIL", "admin@orderpay.local"),
        "orderpay");
  }
}
