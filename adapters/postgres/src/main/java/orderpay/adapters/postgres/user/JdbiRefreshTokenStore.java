package orderpay.adapters.postgres.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.user.RefreshToken;
import orderpay.domain.user.RefreshTokenStore;
import orderpay.domain.user.UserId;

public final class JdbiRefreshTokenStore implements RefreshTokenStore {
  private final JdbiTransactions transactions;

  public JdbiRefreshTokenStore(JdbiTransactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public void add(RefreshToken token) {
    transactions.withHandle(
        handle ->
            handle
                .createUpdate(
                    """
                    INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)
                    VALUES (:id, :userId, :familyId, :hash, :expiresAt)
                    """)
                .bind("id", token.id())
                .bind("userId", token.userId().value())
                .bind("familyId", token.familyId())
                .bind("hash", token.tokenHash())
                .bind("expiresAt", token.expiresAt())
                .execute());
  }

  @Override
  public Optional<RefreshToken> findByHash(String tokenHash) {
    // FOR UPDATE: two refreshes of one token serialise here, so only one can rotate it
    return transactions.withHandle(
        handle ->
            handle
                .createQuery(
                    """
                    SELECT id, user_id, family_id, token_hash, expires_at, used_at, revoked_at
                    FROM refresh_tokens WHERE token_hash = :hash FOR UPDATE
                    """)
                .bind("hash", tokenHash)
                .map((rs, ctx) -> toToken(rs))
                .findOne());
  }

  @Override
  public boolean markUsed(UUID tokenId, Instant now) {
    return transactions.withHandle(
        handle ->
            handle
                    .createUpdate(
                        "UPDATE refresh_tokens SET used_at = :now WHERE id = :id AND used_at IS NULL")
                    .bind("id", tokenId)
                    .bind("now", now)
                    .execute()
                == 1);
  }

  @Override
  public void revokeFamily(UUID familyId, Instant now) {
    transactions.withHandle(
        handle ->
            handle
                .createUpdate(
                    """
                    UPDATE refresh_tokens SET revoked_at = :now
                    WHERE family_id = :family AND revoked_at IS NULL
                    """)
                .bind("family", familyId)
                .bind("now", now)
                .execute());
  }

  private static RefreshToken toToken(ResultSet rs) throws SQLException {
    return new RefreshToken(
        rs.getObject("id", UUID.class),
        new UserId(rs.getObject("user_id", UUID.class)),
        rs.getObject("family_id", UUID.class),
        rs.getString("token_hash"),
        rs.getTimestamp("expires_at").toInstant(),
        instant(rs.getTimestamp("used_at")),
        instant(rs.getTimestamp("revoked_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
