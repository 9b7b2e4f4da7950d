package orderpay.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

class NotificationQueriesTest {
  private final NotificationFixture fixture = new NotificationFixture();
  private final UserId mia = fixture.mia;
  private final NotificationQueries queries = new NotificationQueries(fixture.store);

  @Test
  void aCustomersMessagesAreTheirsAndAnAdminsToSeeAndNoOneElses() {
    var first = fixture.confirmation("evt-o1");
    var second = fixture.confirmation("evt-o2"); // another order's
    var admin = Reader.of(new UserId(UUID.randomUUID()), true);
    var stranger = Reader.of(new UserId(UUID.randomUUID()), false);
    var holder = Reader.of(mia, false);

    assertThat(queries.listOf(mia, Optional.of(first.orderId()), admin)).containsExactly(first);
    assertThat(queries.listOf(mia, Optional.empty(), holder))
        .containsExactlyInAnyOrder(first, second);
    assertThat(queries.listOf(mia, Optional.of(first.orderId()), stranger)).isEmpty();
  }
}
