package orderpay.apps.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Data folders emptied on request: {@code --fresh}, and the throw-away ones of tests and runs. */
public final class Folders {
  private Folders() {}

  /** Deletes a folder and everything in it; a folder that does not exist is left at that. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Deletes a throw-away folder; one left behind is harmless, so failures are ignored. */
  public static void deleteQuietly(Path dir) {
    try {
      deleteRecursively(dir);
    } catch (IOException | RuntimeException e) {
      // a temp folder left behind is harmless
    }
  }
}
