package orderpay.adapters.smtp;

/**
 * Where mail goes. Credentials are optional (a local catcher needs none); STARTTLS is on by
 * request.
 */
public record SmtpSettings(
    String host, int port, boolean startTls, String user, String password, String from) {
  @Override
  public String toString() {
    return "SmtpSettings["
        + host
        + ":"
        + port
        + ", starttls="
        + startTls
        + ", user="
        + user
        + ", from="
        + from
        + "]";
  }
}
