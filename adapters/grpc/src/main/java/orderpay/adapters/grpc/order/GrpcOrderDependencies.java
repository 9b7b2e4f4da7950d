package orderpay.adapters.grpc.order;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import orderpay.adapters.grpc.GrpcErrors;
import orderpay.adapters.grpc.ProtoMoney;
import orderpay.adapters.grpc.inventory.InventoryMessages;
import orderpay.adapters.grpc.payment.PaymentMessages;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.inventory.v1.ReserveStockRequest;
import orderpay.contracts.payment.v1.CancelPaymentRequest;
import orderpay.contracts.payment.v1.CheckPaymentMethodRequest;
import orderpay.contracts.payment.v1.InitiatePaymentRequest;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.contracts.payment.v1.RefundPaymentRequest;
import orderpay.contracts.product.v1.BatchGetProductsRequest;
import orderpay.contracts.product.v1.ProductServiceGrpc;
import orderpay.domain.catalog.PricedProduct;
import orderpay.domain.catalog.ProductCatalog;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.Reservation;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.StockReservations;
import orderpay.domain.money.Money;
import orderpay.domain.order.PaymentUpdate;
import orderpay.domain.order.Payments;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/** The order service's outbound ports, each one gRPC call to the service that owns the data. */
public final class GrpcOrderDependencies {
  private GrpcOrderDependencies() {}

  private static <T> T call(Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw GrpcErrors.toDomain(e);
    }
  }

  /** The payment service's answer, as the order context reads it. */
  private static PaymentUpdate paymentUpdate(Supplier<orderpay.contracts.payment.v1.Payment> rpc) {
    return PaymentMessages.toUpdate(call(rpc));
  }

  public static ProductCatalog catalog(Channel channel) {
    var products = ProductServiceGrpc.newBlockingStub(channel);
    return (Collection<ProductId> ids) -> {
      var reply =
          call(
              () ->
                  products.batchGetProducts(
                      BatchGetProductsRequest.newBuilder()
                          .addAllIds(ids.stream().map(ProductId::toString).toList())
                          .build()));
      Map<ProductId, PricedProduct> priced = new LinkedHashMap<>();
      reply
          .getProductsList()
          .forEach(
              p ->
                  priced.put(
                      ProductId.parse(p.getId()),
                      new PricedProduct(
                          ProductId.parse(p.getId()),
                          p.getName(),
                          ProtoMoney.required(p.hasPrice(), p.getPrice(), "price"))));
      return priced;
    };
  }

  public static StockReservations reservations(Channel channel) {
    var inventory = InventoryServiceGrpc.newBlockingStub(channel);
    return new StockReservations() {
      @Override
      public Reservation reserve(OrderId orderId, List<ReservationLine> lines) {
        var request = ReserveStockRequest.newBuilder().setOrderId(orderId.toString());
        lines.forEach(line -> request.addLines(InventoryMessages.toProto(line)));
        try {
          return InventoryMessages.toDomain(inventory.reserveStock(request.build()));
        } catch (StatusRuntimeException e) {
          var refusal = GrpcErrors.toDomain(e);
          if ("insufficient_stock".equals(refusal.reason())) {
            throw InsufficientStock.fromDetails(refusal.details());
          }
          throw refusal;
        }
      }

      @Override
      public void release(OrderId orderId) {
        try {
          inventory.releaseReservation(
              orderpay.contracts.inventory.v1.ReservationRequest.newBuilder()
                  .setOrderId(orderId.toString())
                  .build());
        } catch (StatusRuntimeException e) {
          var refusal = GrpcErrors.toDomain(e);
          if (refusal.kind() != ErrorKind.NOT_FOUND && refusal.kind() != ErrorKind.INVALID_STATE) {
            throw refusal;
          }
          // no hold, or it already ended (committed, released, expired): nothing to give back
        }
      }
    };
  }

  public static Payments payments(Channel channel) {
    var payments = PaymentServiceGrpc.newBlockingStub(channel);
    return new Payments() {
      @Override
      public PaymentUpdate initiate(
          OrderId orderId, UserId userId, Money amount, String paymentMethod, int attempt) {
        var request =
            InitiatePaymentRequest.newBuilder()
                .setOrderId(orderId.toString())
                .setUserId(userId.toString())
                .setAmount(ProtoMoney.of(amount))
                .setAttempt(attempt);
        if (paymentMethod != null) {
          request.setPaymentMethod(paymentMethod);
        }
        return paymentUpdate(() -> payments.initiatePayment(request.build()));
      }

      @Override
      public PaymentUpdate cancel(OrderId orderId) {
        var request = CancelPaymentRequest.newBuilder().setOrderId(orderId.toString()).build();
        return paymentUpdate(() -> payments.cancelPayment(request));
      }

      @Override
      public PaymentUpdate refund(OrderId orderId) {
        var request = RefundPaymentRequest.newBuilder().setOrderId(orderId.toString()).build();
        return paymentUpdate(() -> payments.refundPayment(request));
      }

      @Override
      public void checkPaymentMethod(String paymentMethod) {
        call(
            () ->
                payments.checkPaymentMethod(
                    CheckPaymentMethodRequest.newBuilder()
                        .setPaymentMethod(paymentMethod)
                        .build()));
      }
    };
  }
}
