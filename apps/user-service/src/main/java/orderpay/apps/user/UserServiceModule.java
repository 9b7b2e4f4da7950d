package orderpay.apps.user;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.adapters.grpc.user.UserGrpcService;
import orderpay.adapters.kafka.user.UserEventSerializer;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.user.JdbiRefreshTokenStore;
import orderpay.adapters.postgres.user.JdbiUserRepository;
import orderpay.adapters.security.Argon2idPasswordHasher;
import orderpay.adapters.security.JwtTokenIssuer;
import orderpay.adapters.security.JwtVerifier;
import orderpay.adapters.security.SigningKey;
import orderpay.apps.kit.ServiceBasics;
import orderpay.apps.kit.ServiceKitModule;
import orderpay.apps.kit.ServiceParts;
import orderpay.contracts.user.v1.UserServiceGrpc;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.user.AuthenticateUser;
import orderpay.domain.user.CredentialPolicy;
import orderpay.domain.user.EnsureAdminAccount;
import orderpay.domain.user.GetUser;
import orderpay.domain.user.LoginTokens;
import orderpay.domain.user.PasswordHasher;
import orderpay.domain.user.RefreshAccessToken;
import orderpay.domain.user.RefreshTokens;
import orderpay.domain.user.RegisterUser;
import orderpay.domain.user.UserRepository;
import org.slf4j.LoggerFactory;

/**
 * Wires the user service: the domain has no annotations, so its use cases are built here; the admin
 * account of the config is made before the service starts.
 */
@Module(includes = ServiceKitModule.class)
public interface UserServiceModule {
  /** Who may call this service: the edges the architecture draws. */
  CallerPolicy CALLERS =
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

  @Provides
  @Singleton
  static UserRepository users(JdbiTransactions tx) {
    return new JdbiUserRepository(tx);
  }

  @Provides
  @Singleton
  static PasswordHasher hasher(UserServiceConfig config) {
    var limits = config.passwordHashing();
    return Argon2idPasswordHasher.owaspMinimum(limits.maxConcurrent(), limits.maxWait());
  }

  @Provides
  @Singleton
  static SigningKey signingKey(UserServiceConfig config) {
    if (config.privateJwk().isPresent()) {
      return SigningKey.parse(config.privateJwk().get());
    }
    if (config.keyFile().isPresent()) {
      return SigningKey.loadOrCreate(java.nio.file.Path.of(config.keyFile().get()));
    }
    LoggerFactory.getLogger(UserServiceModule.class)
        .warn(
            "no ORDERPAY_JWT_PRIVATE_JWK or ORDERPAY_JWT_KEY_FILE: using a throw-away signing key");
    return SigningKey.generate();
  }

  @Provides
  @Singleton
  static RegisterUser registerUser(
      UserRepository users,
      PasswordHasher hasher,
      JdbiTransactions tx,
      EventPublisher events,
      IdGenerator ids,
      Clock clock) {
    return new RegisterUser(users, hasher, new CredentialPolicy(), tx, events, ids, clock);
  }

  /** Access tokens checked with this service's own public keys. */
  @Provides
  @Singleton
  static JwtVerifier verifier(SigningKey key, Clock clock) {
    return new JwtVerifier(key::publicJwkSetJson, clock);
  }

  /**
   * Reading an account acts for its holder when the gateway asks; the notification service reads an
   * order's buyer for no customer. Verified with this service's own public keys.
   */
  @Provides
  static UserCheck userCheck(JwtVerifier verifier) {
    return UserCheck.customersOnly(
        verifier,
        java.util.Set.of(Callers.NOTIFICATION_SERVICE),
        UserServiceGrpc.getGetUserMethod());
  }

  /**
   * The use cases the gRPC API calls, built here for it alone: logging in and refreshing share the
   * access tokens' issuer and the refresh tokens. A singleton, so they are built once.
   */
  @Provides
  @Singleton
  static UserGrpcService grpcService(
      UserServiceConfig config,
      RegisterUser register,
      UserRepository users,
      PasswordHasher hasher,
      SigningKey key,
      JdbiTransactions tx,
      IdGenerator ids,
      Clock clock) {
    var store = new JdbiRefreshTokenStore(tx);
    var refreshTokens = new RefreshTokens(store, ids, clock, config.refreshTokenLifetime());
    var issuer = new JwtTokenIssuer(key, config.accessTokenLifetime(), clock);
    return new UserGrpcService(
        register,
        new AuthenticateUser(
            users, hasher, new CredentialPolicy(), new LoginTokens(issuer, refreshTokens, tx)),
        new RefreshAccessToken(store, refreshTokens, users, issuer, tx, clock),
        new GetUser(users),
        key::publicJwkSetJson);
  }

  @Provides
  static ServiceParts parts(
      UserServiceConfig config,
      UserGrpcService grpcService,
      UserCheck userCheck,
      UserRepository users,
      RegisterUser register,
      JwtVerifier userTokens) {
    return new ServiceParts(
        CALLERS,
        List.of(userCheck.protect(grpcService)),
        List.of(),
        userTokens,
        () -> ensureAdminAccount(config, new EnsureAdminAccount(users, register)));
  }

  /** Its settings and its events' serializer, for the kit. */
  @Provides
  static ServiceBasics basics(UserServiceConfig config) {
    return new ServiceBasics(config.service(), new UserEventSerializer());
  }

  private static void ensureAdminAccount(UserServiceConfig config, EnsureAdminAccount ensureAdmin) {
    if (config.adminEmail().isPresent() && config.adminPassword().isPresent()) {
      ensureAdmin
          .ensure(config.adminEmail().get(), config.adminPassword().get())
          .ifPresent(
              admin ->
                  LoggerFactory.getLogger(UserServiceModule.class)
                      .info("created admin account {}", admin.email()));
    }
  }
}
