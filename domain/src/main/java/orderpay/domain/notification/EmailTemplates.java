package orderpay.domain.notification;

import java.util.List;
import orderpay.domain.money.Money;

/**
 * The message texts, plain and HTML. {@link #NAME} stands for the customer's name until the message
 * goes out; every other value is escaped into the HTML here.
 */
public final class EmailTemplates {
  public static final String NAME = "{{customer_name}}";

  public record Line(String name, long quantity, Money unitPrice, Money lineTotal) {}

  public record Content(String subject, String text, String html) {}

  private EmailTemplates() {}

  public static Content welcome() {
    return content(
        "Welcome to OrderPay",
        "Hello " + NAME + ",\n\nyour OrderPay account is ready. Happy shopping!\n",
        "<p>Hello " + NAME + ",</p><p>your OrderPay account is ready. Happy shopping!</p>");
  }

  public static Content orderConfirmation(String orderId, List<Line> lines, Money total) {
    var text =
        new StringBuilder("Hello " + NAME + ",\n\nthank you for your order " + orderId + ":\n\n");
    var html =
        new StringBuilder(
            "<p>Hello "
                + NAME
                + ",</p><p>thank you for your order "
                + escape(orderId)
                + ":</p><table>"
                + "<tr><th>Item</th><th>Qty</th><th>Price</th><th>Total</th></tr>");
    for (Line line : lines) {
      text.append(
          "  %d x %s at %s = %s%n"
              .formatted(line.quantity(), line.name(), line.unitPrice(), line.lineTotal()));
      html.append(
          "<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td></tr>"
              .formatted(
                  escape(line.name()),
                  line.quantity(),
                  escape(line.unitPrice().toString()),
                  escape(line.lineTotal().toString())));
    }
    text.append("\nTotal: ")
        .append(total)
        .append("\n\nWe will tell you as soon as the payment is through.\n");
    html.append("</table><p><strong>Total: ")
        .append(escape(total.toString()))
        .append("</strong></p>");
    return content("Your OrderPay order " + orderId, text.toString(), html.toString());
  }

  public static Content paymentSucceeded(String orderId, Money total) {
    return content(
        "Payment received for order " + orderId,
        "Hello "
            + NAME
            + ",\n\nwe received your payment of "
            + total
            + " for order "
            + orderId
            + ".\n",
        "<p>Hello "
            + NAME
            + ",</p><p>we received your payment of "
            + escape(total.toString())
            + " for order "
            + escape(orderId)
            + ".</p>");
  }

  public static Content paymentFailed(String orderId, String reason) {
    String why =
        reason == null || reason.isBlank() ? "the payment did not go through" : "reason: " + reason;
    return content(
        "Payment failed for order " + orderId,
        "Hello "
            + NAME
            + ",\n\nyour payment for order "
            + orderId
            + " failed ("
            + why
            + "). Nothing was charged.\n",
        "<p>Hello "
            + NAME
            + ",</p><p>your payment for order "
            + escape(orderId)
            + " failed ("
            + escape(why)
            + "). Nothing was charged.</p>");
  }

  public static Content orderCancelled(String orderId) {
    return content(
        "Order " + orderId + " cancelled",
        "Hello " + NAME + ",\n\nyour order " + orderId + " is cancelled. Nothing was charged.\n",
        "<p>Hello "
            + NAME
            + ",</p><p>your order "
            + escape(orderId)
            + " is cancelled. Nothing was charged.</p>");
  }

  public static Content orderRefunded(String orderId, Money total) {
    return content(
        "Refund for order " + orderId,
        "Hello " + NAME + ",\n\nwe refunded " + total + " for order " + orderId + ".\n",
        "<p>Hello "
            + NAME
            + ",</p><p>we refunded "
            + escape(total.toString())
            + " for order "
            + escape(orderId)
            + ".</p>");
  }

  public static Content custom(String subject, String text, String html) {
    return new Content(
        subject, text, html == null || html.isBlank() ? "<pre>" + escape(text) + "</pre>" : html);
  }

  private static Content content(String subject, String text, String htmlBody) {
    return new Content(
        subject,
        text,
        "<html><body style=\"font-family:sans-serif\">" + htmlBody + "</body></html>");
  }

  /** Fills in the customer's name: as is in text, escaped in HTML. */
  public static String personalise(String body, String name, boolean html) {
    return body.replace(NAME, html ? escape(name) : name);
  }

  public static String escape(String text) {
    var out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
