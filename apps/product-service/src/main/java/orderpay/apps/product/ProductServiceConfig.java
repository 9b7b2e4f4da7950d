package orderpay.apps.product;

import orderpay.apps.kit.ServiceSettings;
import orderpay.runtime.Env;

/** The product service reads only what every backend service reads. */
public record ProductServiceConfig(ServiceSettings service) {
  public static ProductServiceConfig fromEnv(Env env) {
    return new ProductServiceConfig(ServiceSettings.fromEnv(env, "product", 50052));
  }
}
