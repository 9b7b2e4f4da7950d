package orderpay.apps.sandbox.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import orderpay.apps.sandbox.chaos.LoggedHttp.Answer;
import orderpay.apps.sandbox.chaos.LoggedHttp.Customer;

/**
 * What a customer of the load does: one action at a time, drawn from their own {@link Random} so a
 * seed replays the same requests; and the race of many customers for the last units.
 */
final class CustomerActions {
  /** What one client does next. */
  enum Action {
    PAY_WITH_CARD,
    DECLINED_CARD,
    THREE_D_SECURE,
    CONFIRM_IN_BROWSER,
    CANCEL_PENDING,
    REFUND_PAID,
    SAME_KEY_IN_PARALLEL;

    /** Weighted so paid orders dominate, as in a shop. */
    static Action draw(Random random) {
      int roll = random.nextInt(100);
      if (roll < 30) {
        return PAY_WITH_CARD;
      } else if (roll < 42) {
        return DECLINED_CARD;
      } else if (roll < 54) {
        return THREE_D_SECURE;
      } else if (roll < 66) {
        return CONFIRM_IN_BROWSER;
      } else if (roll < 78) {
        return CANCEL_PENDING;
      } else if (roll < 90) {
        return REFUND_PAID;
      }
      return SAME_KEY_IN_PARALLEL;
    }
  }

  private final OrderCalls orders;
  private final long seed;

  CustomerActions(OrderCalls orders, long seed) {
    this.orders = orders;
    this.seed = seed;
  }

  /** Action {@code n} of a client: an order of one of {@code products}, and what follows it. */
  void act(int client, int n, Random random, Customer customer, List<String> products) {
    String who = "client-" + client;
    String product = products.get(random.nextInt(products.size()));
    long quantity = 1 + random.nextInt(3);
    String key = "drv-%d-%d-%d".formatted(seed, client, n);
    switch (Action.draw(random)) {
      case PAY_WITH_CARD -> orders.order(who, customer, product, quantity, "pm_card_visa", key);
      case DECLINED_CARD ->
          orders.order(who, customer, product, quantity, "pm_card_chargeDeclined", key);
      case THREE_D_SECURE -> {
        var placed =
            orders.order(who, customer, product, quantity, "pm_card_threeDSecure2Required", key);
        String intent = orders.intentOf(who, customer, placed);
        if (intent == null) {
          orders.cancelIfPlaced(who, customer, placed);
        } else {
          boolean completes = random.nextInt(4) != 0; // some customers give up on the challenge
          if (!completes || orders.authenticate(who, customer, placed.id(), intent) != 200) {
            orders.cancel(who, customer, placed.id());
          }
        }
      }
      case CONFIRM_IN_BROWSER -> {
        var placed = orders.order(who, customer, product, quantity, null, key);
        String intent = orders.intentOf(who, customer, placed);
        if (intent == null) {
          orders.cancelIfPlaced(who, customer, placed);
        } else {
          String card = random.nextInt(5) == 0 ? "pm_card_chargeDeclined" : "pm_card_visa";
          String secret = orders.clientSecretOf(who, customer, placed);
          if (orders.confirmInBrowser(who, customer, placed.id(), intent, secret, card) != 200) {
            orders.cancel(who, customer, placed.id());
          }
        }
      }
      case CANCEL_PENDING -> cancelOnceAccepted(who, customer, product, quantity, null, key);
      case REFUND_PAID -> cancelOnceAccepted(who, customer, product, quantity, "pm_card_visa", key);
      case SAME_KEY_IN_PARALLEL -> sameKeyInParallel(who, customer, product, quantity, random, key);
    }
  }

  /** Cancelling a pending order releases its units; cancelling a paid one refunds it. */
  private void cancelOnceAccepted(
      String who, Customer customer, String product, long quantity, String card, String key) {
    var placed = orders.order(who, customer, product, quantity, card, key);
    if (placed.succeeded()) {
      orders.cancel(who, customer, placed.id());
    }
  }

  /** Three twins send the same order with the same Idempotency-Key at the same moment. */
  private void sameKeyInParallel(
      String who, Customer customer, String product, long quantity, Random random, String key) {
    String card = random.nextBoolean() ? "pm_card_visa" : null;
    var start = new CountDownLatch(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var answers = new ArrayList<Future<Answer>>();
      for (int twin = 0; twin < 3; twin++) {
        String twinName = who + "-twin-" + twin;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return orders.order(twinName, customer, product, quantity, card, key);
                }));
      }
      start.countDown();
      for (var answer : answers) {
        var placed = answer.get();
        if (card == null && placed.succeeded()) {
          orders.cancel(who, customer, placed.id()); // leave nothing PENDING behind
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Every racer orders one unit of {@code scarce} at the same moment; fewer units than racers. */
  void race(String scarce, List<Customer> racers) {
    var start = new CountDownLatch(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int r = 0; r < racers.size(); r++) {
        int racer = r;
        pool.submit(
            () -> {
              start.await();
              return orders.order(
                  "racer-" + racer,
                  racers.get(racer),
                  scarce,
                  1,
                  "pm_card_visa",
                  "drv-%d-race-%d".formatted(seed, racer));
            });
      }
      start.countDown();
    }
  }
}
