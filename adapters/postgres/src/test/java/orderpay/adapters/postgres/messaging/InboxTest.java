package orderpay.adapters.postgres.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.adapters.postgres.messaging.Inbox.Delivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InboxTest {
  private static Database database;

  @BeforeAll
  static void migrate() {
    database = PostgresTestDatabase.open(InboxTest.class, "user");
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void aPollsFirstDeliveriesAreRememberedAtOnceAndRedeliveriesLeftOut() {
    var seenBefore = UUID.randomUUID();
    var fresh = UUID.randomUUID();
    var twiceInThePoll = UUID.randomUUID();
    database
        .jdbi()
        .useTransaction(
            h -> {
              assertThat(Inbox.firstDelivery(h, "orders", seenBefore, "t")).isTrue();
              var first =
                  Inbox.firstDeliveries(
                      h,
                      "orders",
                      List.of(
                          new Delivery(seenBefore, "t"),
                          new Delivery(fresh, "t"),
                          new Delivery(twiceInThePoll, "t"),
                          new Delivery(twiceInThePoll, "t")));
              assertThat(first).containsExactlyInAnyOrder(fresh, twiceInThePoll);
              assertThat(Inbox.firstDelivery(h, "orders", fresh, "t")).as("now known").isFalse();
              assertThat(Inbox.firstDeliveries(h, "orders", List.of(new Delivery(fresh, "t"))))
                  .isEmpty();
            });
  }

  @Test
  void eachConsumerHasItsOwnMemory() {
    var event = UUID.randomUUID();
    database
        .jdbi()
        .useTransaction(
            h -> {
              var delivery = List.of(new Delivery(event, "t"));
              assertThat(Inbox.firstDeliveries(h, "inventory", delivery)).containsExactly(event);
              assertThat(Inbox.firstDeliveries(h, "notification", delivery)).containsExactly(event);
              assertThat(Inbox.firstDeliveries(h, "inventory", delivery)).isEmpty();
            });
  }

  @Test
  void aRolledBackPollIsNotRemembered() {
    var event = UUID.randomUUID();
    var delivery = List.of(new Delivery(event, "t"));
    try {
      database
          .jdbi()
          .useTransaction(
              h -> {
                assertThat(Inbox.firstDeliveries(h, "orders", delivery)).containsExactly(event);
                throw new IllegalStateException("the handler failed");
              });
    } catch (IllegalStateException expected) {
      // the batch goes one by one after this
    }
    database
        .jdbi()
        .useHandle(h -> assertThat(Inbox.firstDeliveries(h, "orders", delivery)).hasSize(1));
  }
}
