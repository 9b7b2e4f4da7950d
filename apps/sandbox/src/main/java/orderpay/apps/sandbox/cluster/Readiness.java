package orderpay.apps.sandbox.cluster;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.auth.ServiceCredentials;

/**
 * Whether processes are up and serving, asked the way their clients would: the broker's port
 * accepts, a service answers gRPC health SERVING, the gateway's {@code /health/ready} says 200.
 */
final class Readiness {
  private final ClusterPorts ports;
  private final Supplier<ServiceCredentials> credentials;
  private final LaunchGate gate;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  Readiness(ClusterPorts ports, Supplier<ServiceCredentials> credentials, LaunchGate gate) {
    this.ports = ports;
    this.credentials = credentials;
    this.gate = gate;
  }

  void awaitKafka(ChildProcess kafka, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (kafka.pid().isPresent() && accepts(ports.kafka())) {
        return;
      }
      pause();
    }
    throw new IllegalStateException(
        "Kafka did not start within " + timeout + "; see " + kafka.logFile());
  }

  void awaitReady(Collection<ChildProcess> children, Duration timeout) {
    var channels = new HashMap<Integer, GrpcChannels.Client>();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      var waiting = new ArrayList<>(children);
      while (!waiting.isEmpty()) {
        waiting.removeIf(child -> serving(child, channels));
        if (waiting.isEmpty()) {
          return;
        }
        if (gate.isShut()) {
          throw new IllegalStateException("the cluster is stopping");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "not serving within "
                  + timeout
                  + ": "
                  + waiting.stream()
                      .map(c -> c.name() + " (log: " + c.logFile() + ")")
                      .collect(Collectors.joining(", ")));
        }
        pause();
      }
    } finally {
      channels.values().forEach(GrpcChannels.Client::close);
    }
  }

  private boolean serving(ChildProcess child, Map<Integer, GrpcChannels.Client> channels) {
    if (child.pid().isEmpty() || !accepts(child.slot.port())) {
      return false;
    }
    return switch (child.slot.portKind()) {
      case GRPC -> {
        var channel =
            channels.computeIfAbsent(
                child.slot.port(),
                port ->
                    GrpcChannels.open(
                        "127.0.0.1:" + port, Duration.ofSeconds(2), credentials.get()));
        try {
          yield HealthGrpc.newBlockingStub(channel.channel())
                  .check(HealthCheckRequest.getDefaultInstance())
                  .getStatus()
              == ServingStatus.SERVING;
        } catch (RuntimeException notYet) {
          yield false;
        }
      }
      case HTTP -> gatewayReady();
      case OTHER -> true;
    };
  }

  private boolean gatewayReady() {
    try {
      var request =
          HttpRequest.newBuilder(URI.create(ports.gatewayUrl() + "/health/ready")).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean accepts(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }
}
