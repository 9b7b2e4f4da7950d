package orderpay.adapters.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.PasswordHasher;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id in the PHC string format ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}), so the cost
 * can be raised later and old hashes still verify with the parameters they carry.
 *
 * <p>Every derivation holds {@code memoryKiB} of heap, so at most {@code maxConcurrent} run at
 * once; the others wait up to {@code maxWait} and are then refused as UNAVAILABLE (a 503 the client
 * can retry), instead of a burst of sign-ups or logins exhausting the heap.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
  /** Hashes in flight by default: one per core is already CPU-bound, twice that absorbs jitter. */
  public static final int DEFAULT_MAX_CONCURRENT =
      Math.max(2, Runtime.getRuntime().availableProcessors() * 2);

  /** How long a hash waits for a slot by default before it is refused. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

  /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
  public static final Argon2idPasswordHasher OWASP_MINIMUM =
      owaspMinimum(DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_WAIT);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private final int memoryKiB;
  private final int iterations;
  private final int parallelism;
  private final Semaphore slots;
  private final Duration maxWait;
  private final KeyDerivation derivation;

  /** Derives the raw hash; a seam so tests can observe how many derivations overlap. */
  @FunctionalInterface
  interface KeyDerivation {
    byte[] derive(String password, byte[] salt, int m, int t, int p, int length);
  }

  public Argon2idPasswordHasher(int memoryKiB, int iterations, int parallelism) {
    this(memoryKiB, iterations, parallelism, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_WAIT);
  }

  public Argon2idPasswordHasher(
      int memoryKiB, int iterations, int parallelism, int maxConcurrent, Duration maxWait) {
    this(
        memoryKiB,
        iterations,
        parallelism,
        maxConcurrent,
        maxWait,
        Argon2idPasswordHasher::argon2id);
  }

  Argon2idPasswordHasher(
      int memoryKiB,
      int iterations,
      int parallelism,
      int maxConcurrent,
      Duration maxWait,
      KeyDerivation derivation) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
    }
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.slots = new Semaphore(maxConcurrent, true);
    this.maxWait = maxWait;
    this.derivation = derivation;
  }

  /** OWASP's minimum cost with the given bound on concurrent hashes. */
  public static Argon2idPasswordHasher owaspMinimum(int maxConcurrent, Duration maxWait) {
    return new Argon2idPasswordHasher(19 * 1024, 2, 1, maxConcurrent, maxWait);
  }

  @Override
  public PasswordHash hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism, 32);
    return new PasswordHash(
        "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
            .formatted(
                memoryKiB,
                iterations,
                parallelism,
                B64.encodeToString(salt),
                B64.encodeToString(hash)));
  }

  @Override
  public boolean matches(String password, PasswordHash stored) {
    String[] parts = stored.encoded().split("\\$");
    // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String param : parts[3].split(",")) {
        String[] kv = param.split("=");
        switch (kv[0]) {
          case "m" -> m = Integer.parseInt(kv[1]);
          case "t" -> t = Integer.parseInt(kv[1]);
          case "p" -> p = Integer.parseInt(kv[1]);
          default -> {
            return false;
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, m, t, p, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /** Hashes waiting for a slot; for tests. */
  int waiting() {
    return slots.getQueueLength();
  }

  private byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    }
    if (!acquired) {
      throw busy();
    }
    try {
      return derivation.derive(password, salt, m, t, p, length);
    } finally {
      slots.release();
    }
  }

  private static DomainException busy() {
    return new DomainException(
        ErrorKind.UNAVAILABLE, "unavailable", "too many password checks at once, try again");
  }

  private static byte[] argon2id(String password, byte[] salt, int m, int t, int p, int length) {
    var params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .withSalt(salt)
            .build();
    var generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
