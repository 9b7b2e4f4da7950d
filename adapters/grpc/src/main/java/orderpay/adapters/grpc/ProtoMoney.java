package orderpay.adapters.grpc;

import orderpay.contracts.common.v1.Money;
import orderpay.domain.shared.DomainException;

public final class ProtoMoney {
  private ProtoMoney() {}

  public static Money of(orderpay.domain.money.Money money) {
    return Money.newBuilder()
        .setAmountMinor(money.amountMinor())
        .setCurrency(money.currencyCode())
        .build();
  }

  /** A required money field: absent is a client error naming the field. */
  public static orderpay.domain.money.Money required(boolean present, Money money, String field) {
    if (!present) {
      throw DomainException.invalidField(field, field + " is required");
    }
    return orderpay.domain.money.Money.of(money.getAmountMinor(), money.getCurrency());
  }
}
