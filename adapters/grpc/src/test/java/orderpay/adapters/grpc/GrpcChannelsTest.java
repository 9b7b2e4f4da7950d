package orderpay.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.adapters.grpc.auth.CallerCheck;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.domain.testing.Eventually;
import org.junit.jupiter.api.Test;

/** A target listing several replicas spreads calls over them and skips a replica that is gone. */
class GrpcChannelsTest {
  private static final ServiceKey KEY = ServiceKey.generate();
  private static final ServiceCredentials CREDENTIALS = new ServiceCredentials(KEY, "launcher");

  /**
   * A server whose health service knows one extra name, so a reply tells which replica answered.
   */
  private static GrpcServerHost replica(String name) {
    BindableService marker = () -> ServerServiceDefinition.builder(name).build();
    return GrpcServerHost.start(
        name,
        "127.0.0.1",
        0,
        List.of(marker),
        new CallerCheck(KEY, CallerPolicy.builder().build()));
  }

  /** Which replica served the call, asking each name in turn on the same channel. */
  private static String whoAnswers(HealthGrpc.HealthBlockingStub health) {
    try {
      var reply = health.check(HealthCheckRequest.newBuilder().setService("replica-a").build());
      return reply.getStatus() == ServingStatus.SERVING ? "replica-a" : "unknown";
    } catch (StatusRuntimeException notOnThisReplica) {
      return notOnThisReplica.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND
          ? "replica-b"
          : "down: " + notOnThisReplica.getStatus().getCode();
    }
  }

  @Test
  void callsGoRoundRobinOverTheListedReplicasAndAvoidOneThatStopped() {
    var a = replica("replica-a");
    var b = replica("replica-b");
    try (var client =
        GrpcChannels.open(a.target() + "," + b.target(), Duration.ofSeconds(2), CREDENTIALS)) {
      var health = HealthGrpc.newBlockingStub(client.channel());
      Set<String> answered = new HashSet<>();
      Eventually.await(
          "two replicas to answer",
          Duration.ofSeconds(10),
          () -> {
            answered.add(whoAnswers(health));
            return answered.size() >= 2;
          });
      assertThat(answered).containsExactlyInAnyOrder("replica-a", "replica-b");

      a.close();
      var inARow = new AtomicInteger();
      Eventually.await(
          "20 calls in a row served by the replica still up",
          Duration.ofSeconds(10),
          () -> {
            inARow.set(whoAnswers(health).equals("replica-b") ? inARow.get() + 1 : 0);
            return inARow.get() >= 20;
          });
      assertThat(inARow.get()).as("consecutive calls served by the replica still up").isEqualTo(20);
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void aSingleAddressStillResolvesAsBefore() {
    var server = replica("replica-a");
    try (var client = GrpcChannels.open(server.target(), Duration.ofSeconds(2), CREDENTIALS)) {
      assertThat(whoAnswers(HealthGrpc.newBlockingStub(client.channel()))).isEqualTo("replica-a");
    } finally {
      server.close();
    }
  }
}
