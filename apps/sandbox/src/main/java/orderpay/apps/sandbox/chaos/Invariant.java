package orderpay.apps.sandbox.chaos;

/** What a run must never break, as issue 8 states them. */
public enum Invariant {
  I1("no product sold beyond its stock"),
  I2("at most one successful charge per order"),
  I3("every accepted order terminal, no hold left for a terminal order"),
  I4("one email per event and template, none missing"),
  I5("money and stock conserved"),
  I6("every order answered 2xx exists"),
  I7("every rejected request changed nothing");

  private final String statement;

  Invariant(String statement) {
    this.statement = statement;
  }

  public String statement() {
    return statement;
  }
}
