package orderpay.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free loopback ports so parallel runs do not clash. Ports come from below the ephemeral
 * range (32768-60999 on Linux, 49152-65535 elsewhere), where the system takes the local ports of
 * outgoing connections: a port picked there (as port 0 would) can be taken by some client socket
 * before its server binds it, which once kept a cluster's payment replica from ever starting.
 * Within one JVM a port is handed out once.
 */
public final class FreePorts {
  static final int LOWEST = 15_000;
  static final int HIGHEST = 32_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  public static int next() {
    for (int tries = 0; tries < 10_000; tries++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
      if (HANDED_OUT.add(port) && bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + HIGHEST);
  }

  private static boolean bindable(int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }
}
