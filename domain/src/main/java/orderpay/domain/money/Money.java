package orderpay.domain.money;

import java.util.Currency;
import java.util.Locale;
import orderpay.domain.shared.DomainException;

/** An amount in integer minor units (e.g. cents) of one ISO 4217 currency. Never a float. */
public record Money(long amountMinor, Currency currency) {

  public Money {
    if (currency == null) {
      throw DomainException.invalidField("currency", "currency is required");
    }
  }

  public static Money of(long amountMinor, String currencyCode) {
    return new Money(amountMinor, currency(currencyCode));
  }

  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  /** Parses an upper-case ISO 4217 code; anything else is a client error, never a 500. */
  public static Currency currency(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      throw DomainException.invalidField(
          "currency", "currency must be an upper-case ISO 4217 code such as EUR");
    }
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException unknown) {
      throw DomainException.invalidField("currency", "unknown currency " + code);
    }
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    try {
      return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    } catch (ArithmeticException overflow) {
      throw DomainException.invalid("amount too large");
    }
  }

  public Money times(long quantity) {
    try {
      return new Money(Math.multiplyExact(amountMinor, quantity), currency);
    } catch (ArithmeticException overflow) {
      throw DomainException.invalid("amount too large");
    }
  }

  public boolean isPositive() {
    return amountMinor > 0;
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw DomainException.invalidField(
          "currency", "cannot combine " + currencyCode() + " and " + other.currencyCode());
    }
  }

  @Override
  public String toString() {
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    if (digits == 0) {
      return amountMinor + " " + currencyCode();
    }
    long scale = (long) Math.pow(10, digits);
    long whole = Math.abs(amountMinor) / scale;
    long fraction = Math.abs(amountMinor) % scale;
    return String.format(
        Locale.ROOT,
        "%s%d.%0" + digits + "d %s",
        amountMinor < 0 ? "-" : "",
        whole,
        fraction,
        currencyCode());
  }
}
