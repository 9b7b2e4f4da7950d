package orderpay.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import orderpay.domain.shared.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
  @Test
  void addsAndMultipliesInMinorUnits() {
    Money price = Money.of(1999, "EUR");
    assertThat(price.times(3).plus(Money.of(3, "EUR"))).isEqualTo(Money.of(6000, "EUR"));
  }

  @Test
  void refusesToMixCurrencies() {
    assertThatThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD")))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("EUR and USD");
  }

  @Test
  void refusesOverflowInsteadOfWrapping() {
    assertThatThrownBy(() -> Money.of(Long.MAX_VALUE / 2 + 1, "EUR").times(2))
        .isInstanceOf(DomainException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"eur", "EURO", "", "XYZ", "E1R"})
  void refusesMalformedOrUnknownCurrencyCodes(String code) {
    assertThatThrownBy(() -> Money.of(100, code)).isInstanceOf(DomainException.class);
  }

  @Test
  void printsWithTheCurrencysFractionDigits() {
    assertThat(Money.of(1999, "EUR")).hasToString("19.99 EUR");
    assertThat(Money.of(500, "JPY")).hasToString("500 JPY");
    assertThat(Money.of(-5, "USD")).hasToString("-0.05 USD");
  }
}
