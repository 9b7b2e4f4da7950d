package orderpay.adapters.grpc.notification;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import orderpay.contracts.user.v1.GetUserRequest;
import orderpay.contracts.user.v1.UserServiceGrpc;
import orderpay.domain.notification.Recipient;
import orderpay.domain.notification.UserDirectory;
import orderpay.domain.user.Email;
import orderpay.domain.user.UserId;

/** Names and addresses from the user service; an outage throws (the message is retried later). */
public final class GrpcUserDirectory implements UserDirectory {
  private final UserServiceGrpc.UserServiceBlockingStub users;

  public GrpcUserDirectory(Channel channel) {
    this.users = UserServiceGrpc.newBlockingStub(channel);
  }

  @Override
  public Optional<Recipient> find(UserId userId) {
    if (userId == null) {
      return Optional.empty();
    }
    try {
      var user = users.getUser(GetUserRequest.newBuilder().setId(userId.toString()).build());
      return Optional.of(new Recipient(Email.parse(user.getEmail()), user.getName()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
