package orderpay.apps.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import orderpay.devstack.EmbeddedKafkaBroker;
import orderpay.devstack.EmbeddedPostgresServer;
import orderpay.runtime.Env;
import orderpay.runtime.Lifecycle;

/** {@code ./orderpay up}: embedded PostgreSQL and Kafka, then every service, until Ctrl-C. */
public final class SandboxMain {
  private SandboxMain() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    Env env = Env.system();
    // every service of the sandbox shares this JVM, and so one name in traces
    orderpay.adapters.telemetry.Telemetry.install("orderpay-sandbox", System.getenv());
    SandboxSettings settings = SandboxSettings.fromEnv(env);
    if (Arrays.asList(args).contains("--fresh")) {
      Folders.deleteRecursively(settings.dataDir());
    }
    Files.createDirectories(settings.dataDir());

    var lifecycle = new Lifecycle();
    try {
      var postgres = lifecycle.own(startPostgres(settings));
      var kafka =
          lifecycle.own(
              EmbeddedKafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort()));
      var sandbox = lifecycle.own(Sandbox.start(env, settings, postgres, kafka.bootstrapServers()));
      awaitReady(sandbox.gatewayUrl());
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          """

          OrderPay sandbox is ready in %.1f s
            shop        %s/   (open it in a browser; the operator console is %s/admin)
            gateway     %s   (try: curl %s/health/ready; the API is described at /docs)
            admin       %s / %s   (ORDERPAY_ADMIN_EMAIL / ORDERPAY_ADMIN_PASSWORD)
            postgres    127.0.0.1:%d  user postgres, databases orderpay_<service>   (ORDERPAY_PG_PORT)
            kafka       %s   (ORDERPAY_KAFKA_PORT)
            metrics     %s/metrics and, per service, %s   (GET /metrics)
            stripe      %s
            mail        %s
            data        %s   (./orderpay up --fresh starts empty)
          Ctrl-C stops everything.
          %n""",
          seconds,
          sandbox.gatewayUrl(),
          sandbox.gatewayUrl(),
          sandbox.gatewayUrl(),
          sandbox.gatewayUrl(),
          sandbox.adminEmail(),
          sandbox.adminPassword(),
          postgres.port(),
          kafka.bootstrapServers(),
          sandbox.gatewayUrl(),
          java.util.stream.Stream.of(
                  "user", "product", "inventory", "order", "payment", "notification")
              .map(service -> service + " :" + sandbox.adminPort(service))
              .collect(java.util.stream.Collectors.joining(", ")),
          sandbox
              .emulator()
              .map(
                  e ->
                      "local emulator at "
                          + e.apiBase()
                          + " (set STRIPE_SECRET_KEY to use Stripe itself)")
              .orElse(
                  "api.stripe.com with your STRIPE_SECRET_KEY; forward webhooks with stripe listen"),
          sandbox
              .mail()
              .map(
                  m ->
                      "caught by the local SMTP server on 127.0.0.1:"
                          + m.port()
                          + "; every message lands in "
                          + settings.dataDir().resolve("mail")
                          + " as an .eml file")
              .orElse("sent to " + sandbox.environment().required("SMTP_HOST")),
          settings.dataDir());
    } catch (RuntimeException e) {
      lifecycle.close();
      throw e;
    }
    Lifecycle.runUntilShutdown(lifecycle, "sandbox");
  }

  private static EmbeddedPostgresServer startPostgres(SandboxSettings settings) {
    try {
      return EmbeddedPostgresServer.start(
          Optional.of(settings.dataDir().resolve("postgres")), settings.postgresPort());
    } catch (IllegalStateException e) {
      if (String.valueOf(e.getMessage()).contains("could not lock")) {
        throw new IllegalStateException(
            "another OrderPay sandbox is using "
                + settings.dataDir()
                + " (or is still stopping): stop it, or wait a few seconds and try again",
            e);
      }
      throw e;
    }
  }

  static void awaitReady(String gatewayUrl) throws InterruptedException {
    var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    var request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/health/ready")).GET().build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the gateway did not become ready within 60 s");
  }
}
