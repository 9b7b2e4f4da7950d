package orderpay.adapters.postgres.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.user.Email;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.Role;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import orderpay.domain.user.UserRepository;

public final class JdbiUserRepository implements UserRepository {
  private static final String COLUMNS = "id, email, name, role, password_hash, created_at";
  private final JdbiTransactions transactions;

  public JdbiUserRepository(JdbiTransactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public boolean addIfEmailFree(User user) {
    return transactions.withHandle(
        handle ->
            handle
                    .createUpdate(
                        """
                        INSERT INTO users (id, email, name, role, password_hash, created_at)
                        VALUES (:id, :email, :name, :role, :hash, :createdAt)
                        ON CONFLICT DO NOTHING
                        """)
                    .bind("id", user.id().value())
                    .bind("email", user.email().value())
                    .bind("name", user.name())
                    .bind("role", user.role().name())
                    .bind("hash", user.passwordHash().encoded())
                    .bind("createdAt", user.createdAt())
                    .execute()
                == 1);
  }

  @Override
  public Optional<User> findById(UserId id) {
    return transactions.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> toUser(rs))
                .findOne());
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return transactions.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM users WHERE lower(email) = :email")
                .bind("email", email.value())
                .map((rs, ctx) -> toUser(rs))
                .findOne());
  }

  private static User toUser(ResultSet rs) throws SQLException {
    return new User(
        new UserId(rs.getObject("id", UUID.class)),
        new Email(rs.getString("email")),
        rs.getString("name"),
        Role.valueOf(rs.getString("role")),
        new PasswordHash(rs.getString("password_hash")),
        rs.getTimestamp("created_at").toInstant());
  }
}
