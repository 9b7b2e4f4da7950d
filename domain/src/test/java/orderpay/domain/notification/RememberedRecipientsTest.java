package orderpay.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.user.Email;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

class RememberedRecipientsTest {
  private final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");
  private final Map<UserId, Recipient> users = new HashMap<>();
  private int asked;
  private boolean down;
  private final UserDirectory userService =
      userId -> {
        asked++;
        if (down) {
          throw new IllegalStateException("user service unavailable");
        }
        return Optional.ofNullable(users.get(userId));
      };
  private final RememberedRecipients recipients =
      new RememberedRecipients(userService, Duration.ofMinutes(10), clock);
  private final UserId ada = new UserId(UUID.randomUUID());

  @Test
  void aFoundRecipientIsRememberedForItsTime() {
    users.put(ada, new Recipient(Email.parse("ada@example.com"), "Ada"));
    assertThat(recipients.find(ada)).contains(users.get(ada));
    down = true; // the receipt after the confirmation: no second question
    assertThat(recipients.find(ada)).contains(users.get(ada));
    assertThat(asked).isEqualTo(1);

    clock.advance(Duration.ofMinutes(10));
    down = false;
    users.put(ada, new Recipient(Email.parse("ada@new.example.com"), "Ada"));
    assertThat(recipients.find(ada).orElseThrow().email().value()).isEqualTo("ada@new.example.com");
    assertThat(asked).isEqualTo(2);
  }

  @Test
  void anUnknownUserAndAnOutageAreAskedAboutAgain() {
    assertThat(recipients.find(ada)).isEmpty();
    down = true;
    assertThatThrownBy(() -> recipients.find(ada)).isInstanceOf(IllegalStateException.class);
    down = false;
    users.put(ada, new Recipient(Email.parse("ada@example.com"), "Ada"));
    assertThat(recipients.find(ada)).isPresent();
    assertThat(asked).isEqualTo(3);
  }

  @Test
  void itRemembersAtMostItsCapacity() {
    for (int i = 0; i <= RememberedRecipients.CAPACITY; i++) {
      var user = new UserId(UUID.randomUUID());
      users.put(user, new Recipient(Email.parse("u" + i + "@example.com"), "U"));
      recipients.find(user);
    }
    assertThat(recipients.remembered())
        .isPositive()
        .isLessThanOrEqualTo(RememberedRecipients.CAPACITY);
  }
}
