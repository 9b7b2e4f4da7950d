package orderpay.apps.sandbox.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import orderpay.apps.sandbox.SandboxSettings;

/**
 * A JDK Flight Recorder profile of the measured window in this JVM (for the sandbox shape: every
 * service, the emulator, the mail catcher, Kafka and the load), and where its CPU samples fell, per
 * part of the system, from thread names and stack frames.
 */
record CpuProfile(Recording recording, Path file) implements AutoCloseable {
  static CpuProfile start(Path file) throws Exception {
    var recording = new Recording(Configuration.getConfiguration("profile"));
    recording.setToDisk(true);
    recording.start();
    return new CpuProfile(recording, file);
  }

  /** Stops, writes the recording and returns the share of CPU samples per part, in percent. */
  Map<String, Double> stop() throws IOException {
    recording.stop();
    recording.dump(file);
    var counts = new TreeMap<String, Integer>();
    int total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      String thread =
          event.getThread("sampledThread") == null
              ? ""
              : String.valueOf(event.getThread("sampledThread").getJavaName());
      counts.merge(part(thread, event), 1, Integer::sum);
      total++;
    }
    var shares = new TreeMap<String, Double>();
    for (var entry : counts.entrySet()) {
      shares.put(entry.getKey(), 100.0 * entry.getValue() / Math.max(1, total));
    }
    return shares;
  }

  /** Threads no service name gives away, by the start of their name; the first that fits. */
  private static final List<Map.Entry<String, String>> THREAD_PREFIXES =
      List.of(
          Map.entry("notification-", "notification"),
          Map.entry("order-", "order"),
          Map.entry("smtp:", "smtp catcher"),
          Map.entry("HttpClient", "load generator"));

  /** Shared threads, by the class a stack frame runs: the first frame that fits decides. */
  private static final List<Map.Entry<String, String>> CODE_PREFIXES =
      List.of(
          Map.entry("orderpay.apps.stripe.", "stripe emulator"),
          Map.entry("orderpay.adapters.rest.", "gateway"),
          Map.entry("orderpay.apps.sandbox.bench.", "load generator"));

  /** Which part of the system a sample belongs to. */
  static String part(String thread, RecordedEvent sample) {
    for (String service : SandboxSettings.SERVICES) {
      if (thread.contains(service + "-service")
          || thread.startsWith("consumer-" + service + "-")
          || thread.startsWith("pg-" + service)) {
        return service;
      }
    }
    var byThread = partByPrefix(THREAD_PREFIXES, thread);
    if (byThread != null) {
      return byThread;
    }
    if (thread.startsWith("data-plane-kafka")
        || thread.startsWith("kafka")
        || thread.contains("raft")
        || thread.contains("coordinator")
        || thread.startsWith("quorum-controller")
        || thread.startsWith("executor-")
        || thread.startsWith("ExpirationReaper")) {
      return "kafka broker";
    }
    var stack = sample.getStackTrace();
    if (stack != null) {
      for (RecordedFrame frame : stack.getFrames()) {
        var byFrame = partByPrefix(CODE_PREFIXES, frame.getMethod().getType().getName());
        if (byFrame != null) {
          return byFrame;
        }
      }
    }
    if (thread.startsWith("grpc-")) {
      return "grpc transport (all services)";
    }
    return "other (JVM, JIT, shared pools)";
  }

  /** The part of the first prefix {@code name} starts with; null when none does. */
  private static String partByPrefix(List<Map.Entry<String, String>> prefixes, String name) {
    for (var prefix : prefixes) {
      if (name.startsWith(prefix.getKey())) {
        return prefix.getValue();
      }
    }
    return null;
  }

  @Override
  public void close() {
    recording.close();
  }
}
