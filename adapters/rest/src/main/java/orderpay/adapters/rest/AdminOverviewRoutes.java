package orderpay.adapters.rest;

import io.grpc.CallCredentials;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.contracts.deadletter.v1.DeadLetterServiceGrpc;
import orderpay.contracts.deadletter.v1.DeadLetterTopic;
import orderpay.contracts.deadletter.v1.ListDeadLettersRequest;
import orderpay.contracts.order.v1.GetOrderThroughputRequest;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.order.v1.OrderThroughput;
import orderpay.contracts.overview.v1.GetServiceOverviewRequest;
import orderpay.contracts.overview.v1.ServiceOverview;
import orderpay.contracts.overview.v1.ServiceOverviewServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console's overview (admin only): orders per minute, the gateway's order latency,
 * each backend service's outbox and consumer lag, and the dead letters' depth. The services are
 * asked in parallel, each with a short deadline: one that does not answer is shown as unreachable
 * and the rest of the overview still comes back.
 */
public final class AdminOverviewRoutes {
  static final int MINUTES = 15;

  /** Short: the overview is for a glance, and a service slower than this is in trouble anyway. */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

  private static final Logger log = LoggerFactory.getLogger(AdminOverviewRoutes.class);

  private final OrderServiceGrpc.OrderServiceBlockingStub orders;
  private final DeadLetterServiceGrpc.DeadLetterServiceBlockingStub deadLetters;
  private final List<Downstream> services;
  private final GatewayMetrics metrics;
  private final Authenticator auth;
  private final Clock clock;

  public AdminOverviewRoutes(
      OrderServiceGrpc.OrderServiceBlockingStub orders,
      DeadLetterServiceGrpc.DeadLetterServiceBlockingStub deadLetters,
      List<Downstream> services,
      GatewayMetrics metrics,
      Authenticator auth,
      Clock clock) {
    this.orders = orders;
    this.deadLetters = deadLetters;
    this.services = List.copyOf(services);
    this.metrics = metrics;
    this.auth = auth;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/v1/admin/overview", this::overview));
  }

  private void overview(Context ctx) {
    CallCredentials admin = auth.requireAdminForwarding(ctx).forwarded();
    try (var fanOut = Executors.newVirtualThreadPerTaskExecutor()) {
      var throughput =
          ask(
              fanOut,
              () ->
                  forOverview(orders, admin)
                      .getOrderThroughput(
                          GetOrderThroughputRequest.newBuilder().setMinutes(MINUTES).build()));
      var depths =
          ask(
              fanOut,
              () ->
                  forOverview(deadLetters, admin)
                      .listDeadLetters(
                          ListDeadLettersRequest.newBuilder().setDepthsOnly(true).build()));
      var perService =
          services.stream()
              .map(
                  service ->
                      ask(
                          fanOut,
                          () ->
                              forOverview(
                                      ServiceOverviewServiceGrpc.newBlockingStub(service.channel()),
                                      admin)
                                  .getServiceOverview(
                                      GetServiceOverviewRequest.getDefaultInstance())))
              .toList();

      var body = new LinkedHashMap<String, Object>();
      body.put("at", clock.instant().toString());
      body.put(
          "orders_per_minute",
          answer(throughput, "order-service (orders per minute)")
              .map(AdminOverviewRoutes::minutes)
              .orElse(null));
      body.put("order_latency_ms", latency(metrics.orderLatency()));
      body.put(
          "services",
          java.util.stream.IntStream.range(0, services.size())
              .mapToObj(
                  i ->
                      service(
                          services.get(i).name(),
                          answer(perService.get(i), services.get(i).name())))
              .toList());
      body.put(
          "dead_letters",
          deadLetters(
              answer(depths, "order-service (dead letters)")
                  .map(
                      reply ->
                          reply.getTopicsList().stream()
                              .mapToLong(DeadLetterTopic::getDepth)
                              .sum())));
      Json.respond(ctx, 200, body);
    }
  }

  /** Runs {@code call} on its own virtual thread, in the request's trace. */
  private static <T> Future<T> ask(ExecutorService fanOut, Callable<T> call) {
    return fanOut.submit(io.opentelemetry.context.Context.current().wrap(call));
  }

  /** The stub acting for the admin (each service checks the token), with the short deadline. */
  private static <S extends io.grpc.stub.AbstractStub<S>> S forOverview(
      S stub, CallCredentials admin) {
    return stub.withDeadlineAfter(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
        .withCallCredentials(admin);
  }

  /** The answer, or none if the service failed or missed its deadline (which bounds the wait). */
  private static <T> Optional<T> answer(Future<T> call, String who) {
    try {
      return Optional.of(call.get());
    } catch (ExecutionException failed) {
      log.warn("overview: {} did not answer: {}", who, failed.getCause().toString());
      return Optional.empty();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static List<Map<String, Object>> minutes(OrderThroughput throughput) {
    return throughput.getMinutesList().stream()
        .map(
            m ->
                Map.<String, Object>of(
                    "minute", ProtoTime.toInstant(m.getMinute()).toString(),
                    "created", m.getCreated(),
                    "paid", m.getPaid(),
                    "failed", m.getFailed()))
        .toList();
  }

  private static Map<String, Object> latency(GatewayMetrics.OrderLatency latency) {
    return Map.of("p50", latency.p50Millis(), "p99", latency.p99Millis(), "count", latency.count());
  }

  /** A service's numbers; all null but its name when it did not answer. */
  private static Map<String, Object> service(String name, Optional<ServiceOverview> answer) {
    var json = new LinkedHashMap<String, Object>();
    json.put("service", name);
    json.put("reachable", answer.isPresent());
    json.put(
        "outbox_pending",
        ifSet(answer, ServiceOverview::hasOutboxPending, ServiceOverview::getOutboxPending));
    json.put(
        "outbox_oldest_age_seconds",
        ifSet(
            answer,
            ServiceOverview::hasOutboxOldestAgeSeconds,
            ServiceOverview::getOutboxOldestAgeSeconds));
    json.put(
        "consumer_lag",
        answer
            .map(
                overview ->
                    overview.getConsumerLagList().stream()
                        .map(
                            lag -> {
                              var entry = new LinkedHashMap<String, Object>();
                              entry.put("consumer", lag.getConsumer());
                              entry.put("lag", lag.hasLag() ? lag.getLag() : null);
                              return entry;
                            })
                        .toList())
            .orElse(null));
    return json;
  }

  /** An optional field of the answer: null when the service did not answer or did not set it. */
  private static <T> T ifSet(
      Optional<ServiceOverview> answer,
      Predicate<ServiceOverview> isSet,
      Function<ServiceOverview, T> value) {
    return answer.filter(isSet).map(value).orElse(null);
  }

  private static Map<String, Object> deadLetters(Optional<Long> depth) {
    var json = new LinkedHashMap<String, Object>();
    json.put("reachable", depth.isPresent());
    json.put("depth", depth.orElse(null));
    return json;
  }
}
