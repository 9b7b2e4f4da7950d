package orderpay.apps.user;

import jakarta.inject.Inject;
import java.util.List;
import orderpay.adapters.grpc.GrpcServerHost;
import orderpay.adapters.grpc.user.UserGrpcService;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.runtime.Lifecycle;
import orderpay.domain.user.EnsureAdminAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running user service: database, outbox relay, gRPC server; stops in reverse order. */
public final class UserService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UserService.class);

  private final UserServiceConfig config;
  private final Database database;
  private final KafkaOutboxRelay relay;
  private final UserGrpcService grpcService;
  private final EnsureAdminAccount ensureAdmin;
  private final Lifecycle lifecycle = new Lifecycle();
  private GrpcServerHost server;

  @Inject
  UserService(
      UserServiceConfig config,
      Database database,
      KafkaOutboxRelay relay,
      UserGrpcService grpcService,
      EnsureAdminAccount ensureAdmin) {
    this.config = config;
    this.database = database;
    this.relay = relay;
    this.grpcService = grpcService;
    this.ensureAdmin = ensureAdmin;
  }

  public UserService start() {
    lifecycle.own(database);
    lifecycle.own(relay.start());
    if (config.adminEmail().isPresent() && config.adminPassword().isPresent()) {
      ensureAdmin
          .ensure(config.adminEmail().get(), config.adminPassword().get())
          .ifPresent(admin -> log.info("created admin account {}", admin.email()));
    }
    server =
        lifecycle.own(
            GrpcServerHost.start(
                "user-service", config.grpcHost(), config.grpcPort(), List.of(grpcService)));
    return this;
  }

  public String target() {
    return server.target();
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
