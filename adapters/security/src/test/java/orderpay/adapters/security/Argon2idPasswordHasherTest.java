package orderpay.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;

import orderpay.domain.user.PasswordHash;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {
  private final Argon2idPasswordHasher hasher = Argon2idPasswordHasher.OWASP_MINIMUM;

  @Test
  void verifiesTheRightPasswordOnly() {
    PasswordHash hash = hasher.hash("correct horse battery");
    assertThat(hash.encoded()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.matches("correct horse battery", hash)).isTrue();
    assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
  }

  @Test
  void saltsEveryHash() {
    assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
  }

  @Test
  void verifiesWithTheParametersTheHashCarries() {
    PasswordHash cheap = new Argon2idPasswordHasher(1024, 1, 1).hash("legacy password");
    assertThat(hasher.matches("legacy password", cheap)).isTrue();
  }

  @Test
  void malformedStoredHashesNeverMatch() {
    for (String broken :
        new String[] {
          "$argon2id$v=19$m=x,t=2,p=1$AAAA$BBBB", "$bcrypt$whatever", "$argon2id$v=19$q=1$a$b"
        }) {
      assertThat(hasher.matches("anything", new PasswordHash(broken))).isFalse();
    }
  }
}
