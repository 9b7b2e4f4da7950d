package orderpay.adapters.security;

/** Who a verified access token speaks for. */
public record Principal(String userId, String role, String email) {
  public boolean isAdmin() {
    return "admin".equals(role);
  }
}
