package orderpay.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import org.junit.jupiter.api.Test;

/**
 * grpcurl, Postman and Evans list a server's services through reflection: newer tools ask v1, older
 * ones v1alpha. Both answer.
 */
class ServerReflectionTest {

  @Test
  void bothReflectionVersionsListTheServices() throws Exception {
    BindableService payments = new PaymentServiceGrpc.PaymentServiceImplBase() {};
    var server = GrpcServerHost.start("reflection-test", "127.0.0.1", 0, List.of(payments));
    try (var client = GrpcChannels.open(server.target(), Duration.ofSeconds(2))) {
      assertThat(servicesByV1(client))
          .contains(PaymentServiceGrpc.SERVICE_NAME, "grpc.health.v1.Health");
      assertThat(servicesByV1Alpha(client))
          .contains(PaymentServiceGrpc.SERVICE_NAME, "grpc.health.v1.Health");
    } finally {
      server.close();
    }
  }

  private static List<String> servicesByV1(GrpcChannels.Client client) throws Exception {
    var names = new CompletableFuture<List<String>>();
    var requests =
        io.grpc.reflection.v1.ServerReflectionGrpc.newStub(client.channel())
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(io.grpc.reflection.v1.ServerReflectionResponse reply) {
                    var found = new ArrayList<String>();
                    reply
                        .getListServicesResponse()
                        .getServiceList()
                        .forEach(service -> found.add(service.getName()));
                    names.complete(found);
                  }

                  @Override
                  public void onError(Throwable t) {
                    names.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(
        io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("").build());
    try {
      return names.get(10, TimeUnit.SECONDS);
    } finally {
      requests.onCompleted();
    }
  }

  @SuppressWarnings("deprecation") // v1alpha is what older tools speak
  private static List<String> servicesByV1Alpha(GrpcChannels.Client client) throws Exception {
    var names = new CompletableFuture<List<String>>();
    var requests =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(client.channel())
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(io.grpc.reflection.v1alpha.ServerReflectionResponse reply) {
                    var found = new ArrayList<String>();
                    reply
                        .getListServicesResponse()
                        .getServiceList()
                        .forEach(service -> found.add(service.getName()));
                    names.complete(found);
                  }

                  @Override
                  public void onError(Throwable t) {
                    names.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(
        io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
            .setListServices("")
            .build());
    try {
      return names.get(10, TimeUnit.SECONDS);
    } finally {
      requests.onCompleted();
    }
  }
}
