package orderpay.adapters.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database of a port's contract test: migrated once for the class, its tables emptied before
 * each test so every test starts from an empty store, as it does over a fake. Register it as a
 * static {@code @RegisterExtension} field.
 */
public final class ContractDatabase implements BeforeAllCallback, AfterAllCallback {
  private final String migrations;
  private final String tables;
  private Database database;

  /** {@code tables}: those the port writes, emptied before each test. */
  public ContractDatabase(String migrations, String... tables) {
    this.migrations = migrations;
    this.tables = String.join(", ", tables);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    database = PostgresTestDatabase.open(context.getRequiredTestClass(), migrations);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    database.close();
  }

  /**
   * The class's database, emptied of the port's tables: call it where the contract asks for one.
   */
  public JdbiTransactions emptied() {
    database.jdbi().useHandle(h -> h.execute("TRUNCATE " + tables + " CASCADE"));
    return database.transactions();
  }
}
