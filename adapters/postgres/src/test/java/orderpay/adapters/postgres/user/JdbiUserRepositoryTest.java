package orderpay.adapters.postgres.user;

import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.domain.testing.UserRepositoryContract;
import orderpay.domain.user.UserRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiUserRepositoryTest extends UserRepositoryContract {
  private static Database database;

  @BeforeAll
  static void migrate() {
    database = PostgresTestDatabase.open(JdbiUserRepositoryTest.class, "user");
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected UserRepository repository() {
    return new JdbiUserRepository(database.transactions());
  }
}
