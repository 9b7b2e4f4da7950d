package orderpay.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DatabaseUnavailableTest {
  private static DomainException unavailable(RuntimeException failure) {
    var translated = DatabaseUnavailable.translate(failure);
    assertThat(translated).isInstanceOf(DomainException.class);
    return (DomainException) translated;
  }

  @Test
  void anExhaustedPoolIsUnavailableNotInternal() {
    // what Hikari throws when every connection is busy past the timeout (the R250 overload)
    var timeout =
        new ConnectionException(
            new SQLTransientConnectionException(
                "pg-order - Connection is not available, request timed out after 10081ms"));
    var translated = unavailable(timeout);
    assertThat(translated.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(translated.getMessage())
        .as("no internals in the answer")
        .isEqualTo("the database is unavailable, try again");
  }

  @Test
  void connectionLossShutdownsAndSerializationFailuresMeanTryAgain() {
    for (String state : new String[] {"08006", "08001", "57P01", "53300", "40001", "40P01"}) {
      assertThat(DatabaseUnavailable.matches(new RuntimeException(new SQLException("x", state))))
          .as(state)
          .isTrue();
    }
  }

  @Test
  void aRefusedStatementOrADomainRefusalIsLeftAsItIs() {
    var uniqueViolation = new IllegalStateException(new SQLException("duplicate key", "23505"));
    assertThat(DatabaseUnavailable.translate(uniqueViolation)).isSameAs(uniqueViolation);
    var refusal = DomainException.invalid("no");
    assertThat(DatabaseUnavailable.translate(refusal)).isSameAs(refusal);
    var bug = new NullPointerException();
    assertThat(DatabaseUnavailable.translate(bug)).isSameAs(bug);
  }

  @Test
  void aDatabaseNobodyListensForIsUnavailableOnEveryPath() {
    var nothingThere = new PGSimpleDataSource();
    nothingThere.setServerNames(new String[] {"127.0.0.1"});
    nothingThere.setPortNumbers(new int[] {1}); // loopback, nothing listening: refused at once
    nothingThere.setConnectTimeout(2);
    var transactions = new JdbiTransactions(Jdbi.create(nothingThere));

    assertThatThrownBy(() -> transactions.inTransaction(() -> 1))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    assertThatThrownBy(() -> transactions.one("SELECT 1", q -> q, (rs, ctx) -> rs.getInt(1)))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
  }
}
