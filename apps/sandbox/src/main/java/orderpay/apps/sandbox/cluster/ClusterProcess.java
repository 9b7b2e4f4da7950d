package orderpay.apps.sandbox.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.OptionalLong;

/**
 * One process of the cluster as {@code cluster.json} lists it: which service and replica, its pid
 * (absent while it is down), the port it serves and where to ask whether it is healthy. Processes
 * hosted inside the launcher (the Stripe emulator, the SMTP catcher) carry the launcher's pid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterProcess(
    String service,
    int replica,
    Long pid,
    @JsonProperty("grpc_port") Integer grpcPort,
    @JsonProperty("http_port") Integer httpPort,
    Integer port,
    String health,
    int restarts,
    @JsonProperty("hosted_by") String hostedBy) {

  /** What kind of port a process serves, i.e. under which key cluster.json lists it. */
  public enum PortKind {
    GRPC,
    HTTP,
    OTHER
  }

  static ClusterProcess of(
      String service,
      int replica,
      OptionalLong pid,
      PortKind kind,
      int port,
      String health,
      int restarts,
      String hostedBy) {
    return new ClusterProcess(
        service,
        replica,
        pid.isPresent() ? pid.getAsLong() : null,
        kind == PortKind.GRPC ? port : null,
        kind == PortKind.HTTP ? port : null,
        kind == PortKind.OTHER ? port : null,
        health,
        restarts,
        hostedBy);
  }

  public boolean running() {
    return pid != null;
  }

  /** The port it serves, whatever its kind. */
  public int anyPort() {
    return grpcPort != null ? grpcPort : httpPort != null ? httpPort : port;
  }
}
