package orderpay.adapters.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A file the gateway serves from memory (the storefront's, Swagger UI's), read once at start from
 * the classpath: no path from a request ever reaches the classpath.
 */
record StaticAsset(byte[] bytes, String contentType) {

  static StaticAsset load(String path, String contentType) {
    return new StaticAsset(read(path), contentType);
  }

  /** The resource's bytes; one that is missing is a broken build, so the gateway does not start. */
  static byte[] read(String path) {
    try (InputStream in = StaticAsset.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the gateway's resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
