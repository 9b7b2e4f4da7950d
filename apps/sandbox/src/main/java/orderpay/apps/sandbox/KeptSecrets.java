package orderpay.apps.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The sandbox's dev-only secrets: made once, kept owner-only in the git-ignored data folder. */
final class KeptSecrets {
  private KeptSecrets() {}

  /** A dev-only secret generated once and kept (mode 600) in the git-ignored data folder. */
  static String read(Path file) {
    return read(file, 18);
  }

  /** Read from {@code file}, or {@code bytes} random bytes made and kept there, owner-only. */
  static String read(Path file, int bytes) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      byte[] random = new byte[bytes];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.createDirectories(file.getParent());
      Files.writeString(file, secret);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
