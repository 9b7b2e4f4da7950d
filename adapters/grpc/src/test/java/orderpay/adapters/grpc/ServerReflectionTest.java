package orderpay.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import orderpay.adapters.grpc.auth.CallerCheck;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import org.junit.jupiter.api.Test;

/**
 * grpcurl, Postman and Evans list a server's services through reflection: newer tools ask v1, older
 * ones v1alpha. Both answer.
 */
class ServerReflectionTest {

  @Test
  @SuppressWarnings("deprecation") // v1alpha is what older tools speak
  void bothReflectionVersionsListTheServices() throws Exception {
    BindableService payments = new PaymentServiceGrpc.PaymentServiceImplBase() {};
    var key = ServiceKey.generate();
    var server =
        GrpcServerHost.start(
            "reflection-test",
            "127.0.0.1",
            0,
            List.of(payments),
            new CallerCheck(key, CallerPolicy.builder().build()));
    try (var client =
        GrpcChannels.open(
            server.target(), Duration.ofSeconds(2), new ServiceCredentials(key, "a-developer"))) {
      var v1 = io.grpc.reflection.v1.ServerReflectionGrpc.newStub(client.channel());
      assertThat(
              listServices(
                  v1::serverReflectionInfo,
                  io.grpc.reflection.v1.ServerReflectionRequest.newBuilder()
                      .setListServices("")
                      .build(),
                  reply ->
                      reply.getListServicesResponse().getServiceList().stream()
                          .map(io.grpc.reflection.v1.ServiceResponse::getName)
                          .toList()))
          .contains(PaymentServiceGrpc.SERVICE_NAME, "grpc.health.v1.Health");
      var v1alpha = io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(client.channel());
      assertThat(
              listServices(
                  v1alpha::serverReflectionInfo,
                  io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
                      .setListServices("")
                      .build(),
                  reply ->
                      reply.getListServicesResponse().getServiceList().stream()
                          .map(io.grpc.reflection.v1alpha.ServiceResponse::getName)
                          .toList()))
          .contains(PaymentServiceGrpc.SERVICE_NAME, "grpc.health.v1.Health");
    } finally {
      server.close();
    }
  }

  @Test
  void aServerThatWasNotAskedToDescribeItselfDoesNot() {
    var key = ServiceKey.generate();
    BindableService payments = new PaymentServiceGrpc.PaymentServiceImplBase() {};
    var server =
        GrpcServerHost.start(
            "no-reflection-test",
            "127.0.0.1",
            0,
            List.of(payments),
            new GrpcServerHost.Access(new CallerCheck(key, CallerPolicy.builder().build()), false),
            null);
    try (var client =
        GrpcChannels.open(
            server.target(), Duration.ofSeconds(2), new ServiceCredentials(key, "a-developer"))) {
      var v1 = io.grpc.reflection.v1.ServerReflectionGrpc.newStub(client.channel());
      assertThatThrownBy(
              () ->
                  listServices(
                      v1::serverReflectionInfo,
                      io.grpc.reflection.v1.ServerReflectionRequest.newBuilder()
                          .setListServices("")
                          .build(),
                      reply -> List.<String>of()))
          .hasRootCauseInstanceOf(io.grpc.StatusRuntimeException.class)
          .rootCause()
          .hasMessageContaining("UNIMPLEMENTED");
    } finally {
      server.close();
    }
  }

  /** One list-services exchange on a reflection stream, whichever version's messages it uses. */
  private static <Q, A> List<String> listServices(
      Function<StreamObserver<A>, StreamObserver<Q>> open,
      Q request,
      Function<A, List<String>> names)
      throws Exception {
    var answer = new CompletableFuture<List<String>>();
    var requests =
        open.apply(
            new StreamObserver<>() {
              @Override
              public void onNext(A reply) {
                answer.complete(names.apply(reply));
              }

              @Override
              public void onError(Throwable t) {
                answer.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {}
            });
    requests.onNext(request);
    try {
      return answer.get(10, TimeUnit.SECONDS);
    } finally {
      requests.onCompleted();
    }
  }
}
