package orderpay.apps.sandbox;

import orderpay.adapters.kafka.DeadLetterReplay;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.runtime.Env;

/**
 * {@code ./orderpay replay-dlq <topic>}: puts what is parked in {@code <topic>.dlq} back on the
 * topic.
 */
public final class ReplayDeadLetters {
  private ReplayDeadLetters() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: ./orderpay replay-dlq <topic>   (e.g. order.paid)");
      System.exit(2);
    }
    var env = Env.system();
    var settings =
        new KafkaSettings(
            env.get(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + env.get("ORDERPAY_KAFKA_PORT", "59092")),
            env.get("KAFKA_TOPIC_PREFIX", ""));
    int replayed;
    try {
      replayed = DeadLetterReplay.replay(settings, args[0]);
    } catch (DeadLetterReplay.TakenOver overtaken) {
      // what went back before is recorded; the other replay goes on from there
      System.err.println(overtaken.getMessage() + "; run again once it is done");
      System.exit(1);
      return;
    }
    System.out.printf(
        "replayed %d record(s) from %s.dlq to %s%n",
        replayed, settings.topic(args[0]), settings.topic(args[0]));
  }
}
