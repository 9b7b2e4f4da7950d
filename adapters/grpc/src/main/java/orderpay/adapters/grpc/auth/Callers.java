package orderpay.adapters.grpc.auth;

/** The names internal callers sign with; {@link CallerPolicy} grants are made out to them. */
public final class Callers {
  public static final String GATEWAY = "gateway";
  public static final String ORDER_SERVICE = "order-service";
  public static final String NOTIFICATION_SERVICE = "notification-service";
  public static final String PRODUCT_SERVICE = "product-service";
  public static final String INVENTORY_SERVICE = "inventory-service";
  public static final String PAYMENT_SERVICE = "payment-service";

  /** Support tools with the cluster key: may send an ad-hoc email, nothing else. */
  public static final String OPERATOR = "operator";

  /** The launcher's own checks and tests: granted nothing, health is open anyway. */
  public static final String LAUNCHER = "orderpay-launcher";

  private Callers() {}
}
