package orderpay.apps.sandbox.cluster;

import java.nio.file.Path;
import orderpay.devstack.EmbeddedKafkaBroker;
import orderpay.runtime.Env;
import orderpay.runtime.Lifecycle;
import org.slf4j.LoggerFactory;

/**
 * The cluster's Kafka broker as a process of its own, on fixed listeners and a kept log directory,
 * so it can be killed and started again where the services expect it, with its topics and offsets.
 */
public final class KafkaBrokerMain {
  private KafkaBrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Env env = Env.system();
    var broker =
        EmbeddedKafkaBroker.start(
            Path.of(env.required("ORDERPAY_KAFKA_LOG_DIR")),
            env.integer("ORDERPAY_KAFKA_PORT", 59092),
            env.integer("ORDERPAY_KAFKA_CONTROLLER_PORT", 59093));
    LoggerFactory.getLogger(KafkaBrokerMain.class)
        .info("Kafka broker listening on {}", broker.bootstrapServers());
    Lifecycle.runUntilShutdown(broker, "kafka");
  }
}
