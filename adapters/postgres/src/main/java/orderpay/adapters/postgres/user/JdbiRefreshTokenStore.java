package orderpay.adapters.postgres.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import orderpay.adapters.postgres.Columns;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.user.RefreshToken;
import orderpay.domain.user.RefreshTokenStore;
import orderpay.domain.user.UserId;
import org.jdbi.v3.core.statement.StatementContext;

public record JdbiRefreshTokenStore(JdbiTransactions transactions) implements RefreshTokenStore {

  @Override
  public void add(RefreshToken token) {
    transactions.update(
        """
        INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)
        VALUES (:id, :userId, :familyId, :hash, :expiresAt)
        """,
        insert ->
            insert
                .bind("id", token.id())
                .bind("userId", token.userId().value())
                .bind("familyId", token.familyId())
                .bind("hash", token.tokenHash())
                .bind("expiresAt", token.expiresAt()));
  }

  @Override
  public Optional<RefreshToken> findByHash(String tokenHash) {
    // FOR UPDATE: two refreshes of one token serialise here, so only one can rotate it
    return transactions.oneBy(
        """
        SELECT id, user_id, family_id, token_hash, expires_at, used_at, revoked_at
        FROM refresh_tokens WHERE token_hash = :hash FOR UPDATE
        """,
        "hash",
        tokenHash,
        JdbiRefreshTokenStore::toToken);
  }

  @Override
  public boolean markUsed(UUID tokenId, Instant now) {
    return transactions.updatedOne(
        "UPDATE refresh_tokens SET used_at = :now WHERE id = :id AND used_at IS NULL",
        u -> u.bind("id", tokenId).bind("now", now));
  }

  @Override
  public void revokeFamily(UUID familyId, Instant now) {
    transactions.update(
        """
        UPDATE refresh_tokens SET revoked_at = :now
        WHERE family_id = :family AND revoked_at IS NULL
        """,
        u -> u.bind("family", familyId).bind("now", now));
  }

  private static RefreshToken toToken(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RefreshToken(
        Columns.uuid(rs, "id"),
        new UserId(Columns.uuid(rs, "user_id")),
        Columns.uuid(rs, "family_id"),
        rs.getString("token_hash"),
        Columns.instant(rs, "expires_at"),
        Columns.instantOrNull(rs, "used_at"),
        Columns.instantOrNull(rs, "revoked_at"));
  }
}
