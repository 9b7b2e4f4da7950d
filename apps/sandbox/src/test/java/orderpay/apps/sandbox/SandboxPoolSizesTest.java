package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import orderpay.runtime.Env;
import org.junit.jupiter.api.Test;

class SandboxPoolSizesTest {
  @Test
  void everyServiceGetsTheSandboxPoolUnlessItsVariableIsSet() {
    var pools = Sandbox.poolSizes(new Env(Map.of("ORDER_DB_POOL_SIZE", "12")));

    assertThat(pools)
        .containsOnlyKeys(
            "USER_DB_POOL_SIZE",
            "PRODUCT_DB_POOL_SIZE",
            "INVENTORY_DB_POOL_SIZE",
            "PAYMENT_DB_POOL_SIZE",
            "NOTIFICATION_DB_POOL_SIZE")
        .containsValue(Integer.toString(Sandbox.POOL_SIZE))
        .doesNotContainValue("16");
  }
}
