package orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void portsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
    var ports = new HashSet<Integer>();
    for (int i = 0; i < 200; i++) {
      int port = FreePorts.next();
      assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.HIGHEST - 1).isLessThan(32_768);
      assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
    }
    int port = FreePorts.next();
    try (var server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortInUseIsNeverHandedOut() throws Exception {
    var taken = new HashSet<Integer>();
    var listeners = new java.util.ArrayList<ServerSocket>();
    try {
      for (int port = FreePorts.LOWEST; port < FreePorts.LOWEST + 200; port++) {
        try {
          listeners.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
          taken.add(port);
        } catch (java.io.IOException inUseAlready) {
          taken.add(port);
        }
      }
      for (int i = 0; i < 2_000; i++) {
        assertThat(taken).doesNotContain(FreePorts.next());
      }
    } finally {
      for (var listener : listeners) {
        listener.close();
      }
    }
  }
}
