package orderpay.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import orderpay.adapters.grpc.auth.CallerCheck;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
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
      Instant deadline = Instant.now().plusSeconds(10);
      while (answered.size() < 2 && Instant.now().isBefore(deadline)) {
        answered.add(whoAnswers(health));
      }
      assertThat(answered).containsExactlyInAnyOrder("replica-a", "replica-b");

      a.close();
      deadline = Instant.now().plusSeconds(10);
      int inARow = 0;
      while (inARow < 20 && Instant.now().isBefore(deadline)) {
        inARow = whoAnswers(health).equals("replica-b") ? inARow + 1 : 0;
      }
      assertThat(inARow).as("consecutive calls served by the replica still up").isEqualTo(20);
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
