package orderpay.apps.sandbox.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cluster.json} in the data folder: every process with its pid and ports, rewritten whenever
 * one starts or stops so outside tools can kill, freeze or inspect any of them; and read at start,
 * to stop what a launcher that was itself killed left running.
 */
final class ClusterFile {
  // under the cluster's name, as before the split: whoever follows its log knows that one
  private static final Logger log = LoggerFactory.getLogger(Cluster.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Supplier<List<ClusterProcess>> processes;

  ClusterFile(Path dataDir, Supplier<List<ClusterProcess>> processes) {
    this.file = path(dataDir);
    this.processes = processes;
  }

  private static Path path(Path dataDir) {
    return dataDir.resolve("cluster.json");
  }

  Path path() {
    return file;
  }

  /** Replaces the file at once: a reader never sees half a list. */
  synchronized void write() {
    try {
      Path temp = file.resolveSibling("cluster.json.tmp");
      Files.writeString(temp, JSON.writeValueAsString(processes.get()));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  void writeQuietly() {
    try {
      write();
    } catch (RuntimeException e) {
      log.warn("could not update {}", file, e);
    }
  }

  /**
   * Processes a previous launcher left behind when it was itself killed: a cluster.json whose pids
   * still run one of our command lines. They are stopped; a live launcher is left alone and
   * refused.
   */
  static void stopLeftovers(Path dataDir) {
    Path file = path(dataDir);
    if (!Files.exists(file)) {
      return;
    }
    List<ClusterProcess> listed;
    try {
      listed = List.of(JSON.readValue(file.toFile(), ClusterProcess[].class));
    } catch (IOException unreadable) {
      return;
    }
    for (var entry : listed) {
      boolean launcherAlive =
          entry.service().equals("launcher")
              && entry.pid() != null
              && ProcessHandle.of(entry.pid())
                  .filter(ProcessHandle::isAlive)
                  .flatMap(h -> h.info().commandLine())
                  .filter(commandLine -> commandLine.contains(ClusterMain.class.getName()))
                  .isPresent();
      if (launcherAlive) {
        throw new IllegalStateException(
            "a cluster launcher (pid "
                + entry.pid()
                + ") is running on "
                + dataDir
                + ": stop it first (Ctrl-C in its terminal)");
      }
    }
    var leftovers = new ArrayList<ProcessHandle>();
    for (var entry : listed) {
      if (entry.pid() == null || entry.pid() == ProcessHandle.current().pid()) {
        continue;
      }
      var handle = ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive);
      if (handle.isEmpty()) {
        continue;
      }
      String commandLine = handle.get().info().commandLine().orElse("");
      boolean ours =
          commandLine.contains(ChildProcessFactory.clusterMark(dataDir))
              || (entry.service().equals(Cluster.POSTGRES)
                  && commandLine.contains(dataDir.resolve("postgres").toString()));
      if (ours) {
        log.warn(
            "stopping {}#{} (pid {}), left running by a launcher that was killed",
            entry.service(),
            entry.replica(),
            entry.pid());
        handle.get().destroyForcibly();
        leftovers.add(handle.get());
      }
    }
    leftovers.forEach(handle -> Stopping.awaitExit(handle, Duration.ofSeconds(10)));
  }
}
