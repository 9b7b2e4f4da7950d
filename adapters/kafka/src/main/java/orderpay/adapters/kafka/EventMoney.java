package orderpay.adapters.kafka;

import orderpay.contracts.common.v1.Money;

/** Money in event payloads: integer minor units and a currency code, both ways. */
public final class EventMoney {
  private EventMoney() {}

  public static Money of(orderpay.domain.money.Money money) {
    return Money.newBuilder()
        .setAmountMinor(money.amountMinor())
        .setCurrency(money.currencyCode())
        .build();
  }

  public static orderpay.domain.money.Money toDomain(Money money) {
    return orderpay.domain.money.Money.of(money.getAmountMinor(), money.getCurrency());
  }
}
