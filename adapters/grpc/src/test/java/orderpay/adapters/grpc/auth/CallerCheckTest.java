package orderpay.adapters.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.GrpcServerHost;
import orderpay.contracts.payment.v1.CheckPaymentStatusRequest;
import orderpay.contracts.payment.v1.Payment;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.contracts.payment.v1.RefundPaymentRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Over real sockets: who gets through to a service, and who does not. */
class CallerCheckTest {
  private static final ServiceKey KEY = ServiceKey.generate();
  private static final AtomicInteger refundsRun = new AtomicInteger();
  private static GrpcServerHost server;

  @BeforeAll
  static void start() {
    var payments =
        new PaymentServiceGrpc.PaymentServiceImplBase() {
          @Override
          public void refundPayment(RefundPaymentRequest request, StreamObserver<Payment> reply) {
            refundsRun.incrementAndGet();
            reply.onNext(Payment.newBuilder().setOrderId(request.getOrderId()).build());
            reply.onCompleted();
          }

          @Override
          public void checkPaymentStatus(
              CheckPaymentStatusRequest request, StreamObserver<Payment> reply) {
            reply.onNext(Payment.newBuilder().setOrderId(request.getOrderId()).build());
            reply.onCompleted();
          }
        };
    var policy =
        CallerPolicy.builder()
            .allow(Callers.GATEWAY, PaymentServiceGrpc.getCheckPaymentStatusMethod())
            .allow(Callers.ORDER_SERVICE, PaymentServiceGrpc.getServiceDescriptor())
            .build();
    server =
        GrpcServerHost.start(
            "payment-test", "127.0.0.1", 0, List.of(payments), new CallerCheck(KEY, policy));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Status.Code refundAs(ServiceCredentials credentials) {
    try (var client = GrpcChannels.open(server.target(), Duration.ofSeconds(5), credentials)) {
      return refund(PaymentServiceGrpc.newBlockingStub(client.channel()));
    }
  }

  private static Status.Code refund(PaymentServiceGrpc.PaymentServiceBlockingStub payments) {
    try {
      payments.refundPayment(RefundPaymentRequest.newBuilder().setOrderId("o-1").build());
      return Status.Code.OK;
    } catch (StatusRuntimeException refused) {
      return refused.getStatus().getCode();
    }
  }

  @Test
  void aCallWithoutATokenIsUnauthenticatedAndRunsNothing() {
    ManagedChannel bare = NettyChannelBuilder.forTarget(server.target()).usePlaintext().build();
    try {
      int before = refundsRun.get();
      var refused =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  PaymentServiceGrpc.newBlockingStub(bare)
                      .refundPayment(RefundPaymentRequest.newBuilder().setOrderId("o-1").build()));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(refundsRun.get()).isEqualTo(before);
      // probes need no token
      assertThat(
              HealthGrpc.newBlockingStub(bare)
                  .check(HealthCheckRequest.getDefaultInstance())
                  .getStatus())
          .isEqualTo(ServingStatus.SERVING);
    } finally {
      bare.shutdownNow();
    }
  }

  @Test
  void aTokenFromAnotherKeyIsUnauthenticated() {
    int before = refundsRun.get();
    assertThat(refundAs(new ServiceCredentials(ServiceKey.generate(), Callers.ORDER_SERVICE)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(refundsRun.get()).isEqualTo(before);
  }

  @Test
  void aKnownCallerOutsideItsGrantsIsDeniedAndAGrantedOneGetsThrough() {
    int before = refundsRun.get();
    assertThat(refundAs(new ServiceCredentials(KEY, Callers.GATEWAY)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refundsRun.get()).isEqualTo(before);

    assertThat(refundAs(new ServiceCredentials(KEY, Callers.ORDER_SERVICE)))
        .isEqualTo(Status.Code.OK);
    assertThat(refundsRun.get()).isEqualTo(before + 1);

    try (var client =
        GrpcChannels.open(
            server.target(), Duration.ofSeconds(5), new ServiceCredentials(KEY, Callers.GATEWAY))) {
      var payment =
          PaymentServiceGrpc.newBlockingStub(client.channel())
              .checkPaymentStatus(CheckPaymentStatusRequest.newBuilder().setOrderId("o-2").build());
      assertThat(payment.getOrderId()).isEqualTo("o-2");
    }
  }
}
