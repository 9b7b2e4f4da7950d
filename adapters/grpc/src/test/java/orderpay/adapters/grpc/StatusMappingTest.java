package orderpay.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import orderpay.adapters.grpc.inventory.InventoryMessages;
import orderpay.adapters.grpc.notification.NotificationMessages;
import orderpay.adapters.grpc.order.OrderMessages;
import orderpay.adapters.grpc.payment.PaymentMessages;
import orderpay.contracts.inventory.v1.ReservationStatus;
import orderpay.contracts.notification.v1.NotificationStatus;
import orderpay.contracts.order.v1.OrderStatus;
import orderpay.contracts.payment.v1.PaymentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every status enum of the gRPC contracts, both ways: each domain value has its wire value and
 * back, unset and unknown wire values are refused, and the public API still spells each status the
 * way the old prefix-stripping did ("PAYMENT_STATUS_SUCCEEDED" -> "SUCCEEDED").
 */
class StatusMappingTest {

  /** One proto enum, its prefix, and the mapper's functions for it. */
  record Mapping<D extends Enum<D>, P extends Enum<P>>(
      Class<D> domain,
      Class<P> proto,
      String prefix,
      Function<D, P> toProto,
      Function<P, D> toDomain) {
    @Override
    public String toString() {
      return proto.getSimpleName();
    }
  }

  static Stream<Arguments> mappings() {
    return Stream.of(
            new Mapping<>(
                orderpay.domain.payment.PaymentStatus.class,
                PaymentStatus.class,
                "PAYMENT_STATUS_",
                PaymentMessages::toProto,
                PaymentMessages::toDomain),
            new Mapping<>(
                orderpay.domain.order.OrderStatus.class,
                OrderStatus.class,
                "ORDER_STATUS_",
                OrderMessages::toProto,
                OrderMessages::toDomain),
            new Mapping<>(
                orderpay.domain.inventory.ReservationStatus.class,
                ReservationStatus.class,
                "RESERVATION_STATUS_",
                InventoryMessages::toProto,
                InventoryMessages::toDomain),
            new Mapping<>(
                orderpay.domain.notification.NotificationStatus.class,
                NotificationStatus.class,
                "NOTIFICATION_STATUS_",
                NotificationMessages::toProto,
                NotificationMessages::toDomain))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("mappings")
  <D extends Enum<D>, P extends Enum<P>> void everyDomainStatusGoesOverTheWireAndBack(
      Mapping<D, P> mapping) {
    for (D status : mapping.domain().getEnumConstants()) {
      assertThat(mapping.toDomain().apply(mapping.toProto().apply(status))).isEqualTo(status);
    }
  }

  @ParameterizedTest
  @MethodSource("mappings")
  <D extends Enum<D>, P extends Enum<P>> void everyWireStatusHasTheDomainStatusOfItsName(
      Mapping<D, P> mapping) {
    var known =
        Arrays.stream(mapping.proto().getEnumConstants())
            .filter(p -> !p.name().endsWith("_UNSPECIFIED") && !p.name().equals("UNRECOGNIZED"))
            .toList();
    assertThat(known).hasSize(mapping.domain().getEnumConstants().length);
    for (P status : known) {
      // the names the public JSON has always carried: the wire name without its prefix
      assertThat(mapping.toDomain().apply(status).name())
          .isEqualTo(status.name().substring(mapping.prefix().length()));
    }
  }

  @ParameterizedTest
  @MethodSource("mappings")
  <D extends Enum<D>, P extends Enum<P>> void anUnsetOrUnknownWireStatusIsRefused(
      Mapping<D, P> mapping) {
    var unset = Enum.valueOf(mapping.proto(), mapping.prefix() + "UNSPECIFIED");
    var unknown = Enum.valueOf(mapping.proto(), "UNRECOGNIZED");
    assertThatThrownBy(() -> mapping.toDomain().apply(unset))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mapping.toDomain().apply(unknown))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theApiNamesAreTheOnesItAlwaysHad() {
    assertThat(PaymentMessages.statusName(PaymentStatus.PAYMENT_STATUS_REQUIRES_ACTION))
        .isEqualTo("REQUIRES_ACTION");
    assertThat(OrderMessages.statusName(OrderStatus.ORDER_STATUS_PAID)).isEqualTo("PAID");
    assertThat(NotificationMessages.statusName(NotificationStatus.NOTIFICATION_STATUS_SENT))
        .isEqualTo("SENT");
  }
}
