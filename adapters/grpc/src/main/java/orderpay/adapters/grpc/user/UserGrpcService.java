package orderpay.adapters.grpc.user;

import static orderpay.adapters.grpc.StreamReplies.reply;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.contracts.user.v1.AuthenticateUserRequest;
import orderpay.contracts.user.v1.GetSigningKeysRequest;
import orderpay.contracts.user.v1.GetUserRequest;
import orderpay.contracts.user.v1.RefreshTokenRequest;
import orderpay.contracts.user.v1.RegisterUserRequest;
import orderpay.contracts.user.v1.Role;
import orderpay.contracts.user.v1.SigningKeys;
import orderpay.contracts.user.v1.TokenPair;
import orderpay.contracts.user.v1.User;
import orderpay.contracts.user.v1.UserServiceGrpc;
import orderpay.domain.shared.DomainException;
import orderpay.domain.user.AuthenticateUser;
import orderpay.domain.user.Email;
import orderpay.domain.user.GetUser;
import orderpay.domain.user.RefreshAccessToken;
import orderpay.domain.user.RegisterUser;
import orderpay.domain.user.UserId;

/** The user service's gRPC face: translates messages, delegates to the use cases. */
public record UserGrpcService(
    RegisterUser registerUser,
    AuthenticateUser authenticateUser,
    RefreshAccessToken refreshAccessToken,
    GetUser getUser,
    Supplier<String> jwkSetJson)
    implements UserServiceGrpc.AsyncService, BindableService {
  @Override
  public void registerUser(RegisterUserRequest request, StreamObserver<User> response) {
    var user =
        registerUser.register(
            new RegisterUser.Command(request.getEmail(), request.getPassword(), request.getName()));
    reply(response, toProto(user));
  }

  @Override
  public void authenticateUser(
      AuthenticateUserRequest request, StreamObserver<TokenPair> response) {
    var pair =
        authenticateUser.authenticate(
            new AuthenticateUser.Command(request.getEmail(), request.getPassword()));
    reply(response, toProto(pair));
  }

  @Override
  public void refreshToken(RefreshTokenRequest request, StreamObserver<TokenPair> response) {
    reply(response, toProto(refreshAccessToken.refresh(request.getRefreshToken())));
  }

  @Override
  public void getUser(GetUserRequest request, StreamObserver<User> response) {
    // the notification service, addressing an order's buyer, comes without a customer
    var reader = UserCheck.currentReaderOrNoCustomer();
    if (!request.getEmail().isEmpty()) {
      if (!request.getId().isEmpty()) {
        throw DomainException.invalid("give an id or an email, not both");
      }
      reply(response, toProto(getUser.byEmail(Email.parse(request.getEmail()), reader)));
      return;
    }
    reply(response, toProto(getUser.get(UserId.parse(request.getId()), reader)));
  }

  @Override
  public void getSigningKeys(GetSigningKeysRequest request, StreamObserver<SigningKeys> response) {
    reply(response, SigningKeys.newBuilder().setJwkSetJson(jwkSetJson.get()).build());
  }

  static User toProto(orderpay.domain.user.User user) {
    return User.newBuilder()
        .setId(user.id().toString())
        .setEmail(user.email().value())
        .setName(user.name())
        .setRole(
            switch (user.role()) {
              case CUSTOMER -> Role.ROLE_CUSTOMER;
              case ADMIN -> Role.ROLE_ADMIN;
            })
        .setCreatedAt(ProtoTime.of(user.createdAt()))
        .build();
  }

  static TokenPair toProto(orderpay.domain.user.TokenPair pair) {
    return TokenPair.newBuilder()
        .setAccessToken(pair.accessToken().value())
        .setTokenType("Bearer")
        .setExpiresInSeconds(pair.accessToken().expiresIn().toSeconds())
        .setRefreshToken(pair.refreshToken())
        .build();
  }

  /** What {@code UserServiceImplBase} would do: the generated binding of these methods. */
  @Override
  public ServerServiceDefinition bindService() {
    return UserServiceGrpc.bindService(this);
  }
}
