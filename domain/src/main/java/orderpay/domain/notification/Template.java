package orderpay.domain.notification;

import java.util.Locale;

public enum Template {
  WELCOME,
  ORDER_CONFIRMATION,
  PAYMENT_SUCCEEDED,
  PAYMENT_FAILED,
  ORDER_CANCELLED,
  ORDER_REFUNDED,
  CUSTOM,
  SMS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
