package orderpay.apps.kit;

import io.grpc.BindableService;
import java.util.List;
import java.util.function.Supplier;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.security.JwtVerifier;

/**
 * What makes one backend service itself, as its app's module provides it; the kit adds the rest
 * (database, outbox relay, inbox retention, overview, health, metrics) and runs it all ({@link
 * BackendService}).
 *
 * @param callers who may call the service: the edges the architecture draws
 * @param grpcServices what it serves, each already guarded by the customer checks it needs
 * @param workers started in this order after the outbox relay, stopped in reverse before it
 *     (consumers, jobs, and what they use that must be closed: channels, the mailer)
 * @param userTokens verifies the admin's token of the operator console's overview
 * @param beforeStart runs once on the migrated database before anything starts (the user service
 *     creates its admin account)
 */
public record ServiceParts(
    CallerPolicy callers,
    List<BindableService> grpcServices,
    List<Supplier<AutoCloseable>> workers,
    JwtVerifier userTokens,
    Runnable beforeStart) {
  public ServiceParts {
    grpcServices = List.copyOf(grpcServices);
    workers = List.copyOf(workers);
  }

  /** A service with nothing to do before it starts. */
  public ServiceParts(
      CallerPolicy callers,
      List<BindableService> grpcServices,
      List<Supplier<AutoCloseable>> workers,
      JwtVerifier userTokens) {
    this(callers, grpcServices, workers, userTokens, () -> {});
  }
}
