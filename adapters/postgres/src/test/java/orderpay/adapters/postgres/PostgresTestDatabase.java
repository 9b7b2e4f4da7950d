package orderpay.adapters.postgres;

import orderpay.devstack.SharedTestInfrastructure;

/** A fresh, migrated database of the shared embedded server, for one test class. */
public final class PostgresTestDatabase {
  private PostgresTestDatabase() {}

  public static Database open(Class<?> testClass, String migrations) {
    var server = SharedTestInfrastructure.postgres();
    return Database.open(
        new DatabaseConfig(
            SharedTestInfrastructure.freshDatabase(testClass),
            server.user(),
            server.password(),
            8,
            migrations));
  }
}
