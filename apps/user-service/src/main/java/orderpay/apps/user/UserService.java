package orderpay.apps.user;

import io.grpc.BindableService;
import jakarta.inject.Inject;
import java.util.List;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.adapters.grpc.user.UserGrpcService;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.security.JwtVerifier;
import orderpay.apps.kit.RunningService;
import orderpay.apps.kit.ServiceMetrics;
import orderpay.contracts.user.v1.UserServiceGrpc;
import orderpay.domain.user.EnsureAdminAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the user service: the shared service shape plus the admin account of the config. */
public final class UserService {
  /** Who may call this service: the edges the architecture draws. */
  public static final CallerPolicy CALLERS =
      CallerPolicy.builder()
          .allow(Callers.GATEWAY, UserServiceGrpc.getServiceDescriptor())
          // a customer's name and address for the emails sent to them
          .allow(
              Callers.NOTIFICATION_SERVICE,
              UserServiceGrpc.getGetUserMethod(),
              UserServiceGrpc.getGetSigningKeysMethod())
          // the public keys that verify the customers' tokens forwarded with their calls
          .allow(Callers.ORDER_SERVICE, UserServiceGrpc.getGetSigningKeysMethod())
          .allow(Callers.PRODUCT_SERVICE, UserServiceGrpc.getGetSigningKeysMethod())
          .allow(Callers.INVENTORY_SERVICE, UserServiceGrpc.getGetSigningKeysMethod())
          .allow(Callers.PAYMENT_SERVICE, UserServiceGrpc.getGetSigningKeysMethod())
          .build();

  private static final Logger log = LoggerFactory.getLogger(UserService.class);

  private final UserServiceConfig config;
  private final Database database;
  private final KafkaOutboxRelay relay;
  private final ServiceMetrics metrics;
  private final BindableService grpcService;
  private final EnsureAdminAccount ensureAdmin;
  private final JwtVerifier userTokens;

  @Inject
  UserService(
      UserServiceConfig config,
      Database database,
      KafkaOutboxRelay relay,
      ServiceMetrics metrics,
      UserGrpcService grpcService,
      UserCheck userCheck,
      EnsureAdminAccount ensureAdmin,
      JwtVerifier userTokens) {
    this.config = config;
    this.database = database;
    this.relay = relay;
    this.metrics = metrics;
    this.grpcService = userCheck.protect(grpcService);
    this.ensureAdmin = ensureAdmin;
    this.userTokens = userTokens;
  }

  public RunningService start() {
    if (config.adminEmail().isPresent() && config.adminPassword().isPresent()) {
      ensureAdmin
          .ensure(config.adminEmail().get(), config.adminPassword().get())
          .ifPresent(admin -> log.info("created admin account {}", admin.email()));
    }
    return RunningService.start(
        config.service(),
        database,
        relay,
        metrics,
        List.of(),
        List.of(grpcService),
        CALLERS,
        userTokens);
  }
}
