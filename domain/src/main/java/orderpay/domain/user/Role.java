package orderpay.domain.user;

public enum Role {
  CUSTOMER,
  ADMIN;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
