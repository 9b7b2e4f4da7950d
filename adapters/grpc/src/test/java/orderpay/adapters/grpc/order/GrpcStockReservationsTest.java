package orderpay.adapters.grpc.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.GrpcServerHost;
import orderpay.adapters.grpc.auth.CallerCheck;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.adapters.grpc.inventory.InventoryGrpcService;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.InventoryUseCases;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import org.junit.jupiter.api.Test;

/** The order service's view of the inventory over real gRPC: reserve, and the saga's give-back. */
class GrpcStockReservationsTest {
  private final MutableClock clock = MutableClock.startingAt("2026-12-03T10:00:00Z");
  private final InventoryUseCases inventory =
      InventoryUseCases.inMemory(new RecordingEvents(), clock, Duration.ofMinutes(15));
  private final ProductId teapot = new ProductId(UUID.randomUUID());

  @Test
  void aHoldIsGivenBackAndGivingBackNothingOrAnEndedHoldIsHarmless() {
    inventory.trackProducts().track(teapot, 5);
    var key = ServiceKey.generate();
    var server =
        GrpcServerHost.start(
            "inventory-test",
            "127.0.0.1",
            0,
            List.of(
                new InventoryGrpcService(
                    inventory.queries(),
                    inventory.reserveStock(),
                    inventory.releaseStock(),
                    inventory.commitStock(),
                    inventory.setStock())),
            new CallerCheck(
                key,
                CallerPolicy.builder()
                    .allow(
                        "order-service",
                        InventoryServiceGrpc.getReserveStockMethod(),
                        InventoryServiceGrpc.getReleaseReservationMethod())
                    .build()));
    try (var client =
        GrpcChannels.open(
            server.target(), Duration.ofSeconds(5), new ServiceCredentials(key, "order-service"))) {
      var reservations = GrpcOrderDependencies.reservations(client.channel());
      var held = new OrderId(UUID.randomUUID());
      reservations.reserve(held, List.of(new ReservationLine(teapot, 2)));
      assertThat(inventory.queries().get(teapot).available()).isEqualTo(3);

      reservations.release(held);
      assertThat(inventory.queries().get(teapot).available()).isEqualTo(5);

      assertThatCode(() -> reservations.release(held)).doesNotThrowAnyException(); // ended
      var neverHeld = new OrderId(UUID.randomUUID());
      assertThatCode(() -> reservations.release(neverHeld)).doesNotThrowAnyException();
      var paid = new OrderId(UUID.randomUUID());
      reservations.reserve(paid, List.of(new ReservationLine(teapot, 1)));
      inventory.commitStock().commit(paid);
      assertThatCode(() -> reservations.release(paid)).doesNotThrowAnyException();
      assertThat(inventory.queries().get(teapot).available()).isEqualTo(4);
    } finally {
      server.close();
    }
  }
}
