package orderpay.apps.inventory;

import static orderpay.domain.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.GrpcErrors;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.postgres.DatabaseConfig;
import orderpay.adapters.security.JwtTokenIssuer;
import orderpay.adapters.security.SigningKey;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceSettings;
import orderpay.apps.product.DaggerProductServiceComponent;
import orderpay.apps.product.ProductServiceConfig;
import orderpay.contracts.common.v1.Money;
import orderpay.contracts.events.v1.ReservationExpired;
import orderpay.contracts.inventory.v1.GetStockRequest;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.inventory.v1.ReservationLine;
import orderpay.contracts.inventory.v1.ReservationStatus;
import orderpay.contracts.inventory.v1.ReserveStockRequest;
import orderpay.contracts.inventory.v1.StockLevel;
import orderpay.contracts.inventory.v1.UpdateStockRequest;
import orderpay.contracts.product.v1.CreateProductRequest;
import orderpay.contracts.product.v1.DeleteProductRequest;
import orderpay.contracts.product.v1.ProductServiceGrpc;
import orderpay.devstack.SharedTestInfrastructure;
import orderpay.devstack.TopicProbe;
import orderpay.domain.user.Email;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.Role;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Product and inventory services wired as in production, over real Kafka, PostgreSQL and gRPC. */
class InventoryServiceTest {
  private static KafkaSettings kafka;
  private static RunningService productService;
  private static RunningService inventoryService;
  private static GrpcChannels.Client productChannel;
  private static GrpcChannels.Client inventoryChannel;
  private static ProductServiceGrpc.ProductServiceBlockingStub products;
  private static InventoryServiceGrpc.InventoryServiceBlockingStub inventory;
  private static DatabaseConfig inventoryDatabase;

  /** The test's stand-in for the user service's key: it signs the admin's token. */
  private static final SigningKey USER_KEYS = SigningKey.generate();

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Catalogue and stock changes need an admin's token, verified by the services themselves. */
  private static CallCredentials asAdmin() {
    var admin =
        new User(
            new UserId(UUID.randomUUID()),
            Email.parse("admin@orderpay.test"),
            "Admin",
            Role.ADMIN,
            new PasswordHash("unused"),
            Instant.now());
    return UserCheck.forward(
        new JwtTokenIssuer(USER_KEYS, Duration.ofMinutes(15), Clock.systemUTC())
            .issue(admin)
            .value());
  }

  private static ServiceSettings settings(String name) {
    var pg = SharedTestInfrastructure.postgres();
    return new ServiceSettings(
            name,
            "127.0.0.1",
            0,
            new DatabaseConfig(
                SharedTestInfrastructure.freshDatabase(InventoryServiceTest.class),
                pg.user(),
                pg.password(),
                8,
                name),
            kafka)
        .withPinnedUserKeys(USER_KEYS.publicJwkSetJson());
  }

  @BeforeAll
  static void start() {
    kafka =
        new KafkaSettings(
            SharedTestInfrastructure.kafka().bootstrapServers(),
            SharedTestInfrastructure.topicPrefix(InventoryServiceTest.class));
    var productSettings = settings("product");
    var inventorySettings = settings("inventory");
    productService =
        DaggerProductServiceComponent.factory()
            .create(new ProductServiceConfig(productSettings), Clock.systemUTC())
            .start();
    inventoryService =
        DaggerInventoryServiceComponent.factory()
            .create(
                new InventoryServiceConfig(
                    inventorySettings, Duration.ofSeconds(2), Duration.ofMillis(100)),
                Clock.systemUTC())
            .start();
    productChannel =
        GrpcChannels.open(
            productService.target(),
            Duration.ofSeconds(10),
            new ServiceCredentials(productSettings.serviceKey(), Callers.GATEWAY));
    inventoryChannel =
        GrpcChannels.open(
            inventoryService.target(),
            Duration.ofSeconds(10),
            new ServiceCredentials(inventorySettings.serviceKey(), Callers.GATEWAY));
    products =
        ProductServiceGrpc.newBlockingStub(productChannel.channel()).withCallCredentials(asAdmin());
    inventory =
        InventoryServiceGrpc.newBlockingStub(inventoryChannel.channel())
            .withCallCredentials(asAdmin());
  }

  @AfterAll
  static void stop() {
    productChannel.close();
    inventoryChannel.close();
    inventoryService.close();
    productService.close();
  }

  private static StockLevel stockOf(String productId) {
    return inventory.getStock(GetStockRequest.newBuilder().setProductId(productId).build());
  }

  private static boolean hasStock(String productId) {
    try {
      stockOf(productId);
      return true;
    } catch (StatusRuntimeException notYet) {
      return false;
    }
  }

  private static String createProduct(long initialStock) throws InterruptedException {
    var product =
        products.createProduct(
            CreateProductRequest.newBuilder()
                .setName("Teapot")
                .setPrice(Money.newBuilder().setAmountMinor(2500).setCurrency("EUR"))
                .setInitialStock(initialStock)
                .build());
    await("stock for " + product.getId(), WAIT, () -> hasStock(product.getId()));
    return product.getId();
  }

  @Test
  void aNewProductsStockArrivesThroughKafkaAndARedeliveryChangesNothing() throws Exception {
    try (var probe =
        new TopicProbe(kafka.bootstrapServers(), kafka.topic(KafkaTopics.PRODUCT_CHANGED))) {
      String id = createProduct(12);
      assertThat(stockOf(id).getOnHand()).isEqualTo(12);

      inventory.updateStock(UpdateStockRequest.newBuilder().setProductId(id).setOnHand(3).build());
      var created =
          probe
              .awaitRecords(
                  rs -> rs.stream().anyMatch(r -> r.key().equals(id)), Duration.ofSeconds(20))
              .stream()
              .filter(r -> r.key().equals(id))
              .findFirst()
              .orElseThrow();
      // Kafka redelivers the very same record (same event id) ...
      try (var producer =
          new KafkaProducer<String, byte[]>(
              KafkaOutboxRelay.producerProperties(kafka, "redeliver"))) {
        var again = new ProducerRecord<>(created.topic(), created.key(), created.value());
        created.headers().forEach(h -> again.headers().add(h));
        producer.send(again).get();
      }
      // ... and a later event on the same key proves the redelivery was consumed before it
      products.deleteProduct(
          DeleteProductRequest.newBuilder().setId(createSecondAndKeep(id)).build());
      await("the marker product's deletion", WAIT, () -> !hasStock(markerId));
      assertThat(stockOf(id).getOnHand()).isEqualTo(3);
    }
  }

  private static String markerId;

  /** Creates a marker product whose deletion we can observe; returns its id. */
  private static String createSecondAndKeep(String unused) throws InterruptedException {
    markerId = createProduct(1);
    return markerId;
  }

  @Test
  void aDeletedProductCannotBeReservedAndItsStockIsGone() throws Exception {
    String id = createProduct(5);
    products.deleteProduct(DeleteProductRequest.newBuilder().setId(id).build());
    await("stock of the deleted product to disappear", WAIT, () -> !hasStock(id));
    var refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                inventory.reserveStock(
                    ReserveStockRequest.newBuilder()
                        .setOrderId(java.util.UUID.randomUUID().toString())
                        .addLines(ReservationLine.newBuilder().setProductId(id).setQuantity(1))
                        .build()));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(GrpcErrors.errorInfo(refused))
        .hasValueSatisfying(i -> assertThat(i.getReason()).isEqualTo("insufficient_stock"));
  }

  @Test
  void theSweeperReleasesAnExpiredReservationOnceAndAnnouncesIt() throws Exception {
    try (var probe =
        new TopicProbe(kafka.bootstrapServers(), kafka.topic(KafkaTopics.RESERVATION_EXPIRED))) {
      String id = createProduct(10);
      String orderId = java.util.UUID.randomUUID().toString();
      var reservation =
          inventory.reserveStock(
              ReserveStockRequest.newBuilder()
                  .setOrderId(orderId)
                  .addLines(ReservationLine.newBuilder().setProductId(id).setQuantity(4))
                  .build());
      assertThat(reservation.getStatus()).isEqualTo(ReservationStatus.RESERVATION_STATUS_RESERVED);
      assertThat(stockOf(id).getAvailable()).isEqualTo(6);

      await("the expiry sweep to release the hold", WAIT, () -> stockOf(id).getAvailable() == 10);
      var expired =
          probe.awaitRecords(
              rs -> rs.stream().anyMatch(r -> r.key().equals(orderId)), Duration.ofSeconds(20));
      var mine = expired.stream().filter(r -> r.key().equals(orderId)).toList();
      assertThat(mine).hasSize(1);
      assertThat(ReservationExpired.parseFrom(mine.getFirst().value()).getOrderId())
          .isEqualTo(orderId);
      assertThat(stockOf(id).getReserved()).isZero();
    }
  }
}
