package orderpay.adapters.postgres.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import orderpay.adapters.postgres.Columns;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.user.Email;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.Role;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import orderpay.domain.user.UserRepository;
import org.jdbi.v3.core.statement.StatementContext;

public record JdbiUserRepository(JdbiTransactions transactions) implements UserRepository {
  private static final String SELECT_USERS =
      "SELECT id, email, name, role, password_hash, created_at FROM users";

  @Override
  public boolean addIfEmailFree(User user) {
    return transactions.updatedOne(
        """
        INSERT INTO users (id, email, name, role, password_hash, created_at)
        VALUES (:id, :email, :name, :role, :hash, :createdAt)
        ON CONFLICT DO NOTHING
        """,
        insert ->
            insert
                .bind("id", user.id().value())
                .bind("email", user.email().value())
                .bind("name", user.name())
                .bind("role", user.role().name())
                .bind("hash", user.passwordHash().encoded())
                .bind("createdAt", user.createdAt()));
  }

  @Override
  public Optional<User> findById(UserId id) {
    return transactions.oneBy(
        SELECT_USERS + " WHERE id = :id", "id", id.value(), JdbiUserRepository::toUser);
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return transactions.oneBy(
        SELECT_USERS + " WHERE lower(email) = :email",
        "email",
        email.value(),
        JdbiUserRepository::toUser);
  }

  private static User toUser(ResultSet rs, StatementContext ctx) throws SQLException {
    return new User(
        new UserId(Columns.uuid(rs, "id")),
        new Email(rs.getString("email")),
        rs.getString("name"),
        Role.valueOf(rs.getString("role")),
        new PasswordHash(rs.getString("password_hash")),
        Columns.instant(rs, "created_at"));
  }
}
