package orderpay.apps.stripe;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Whole-number query parameters, refused with Stripe's error where they are not one. */
final class QueryNumbers {
  private static final Pattern SIGNED = Pattern.compile("-?\\d{1,18}");
  private static final Pattern NOT_NEGATIVE = Pattern.compile("\\d{1,18}");

  private QueryNumbers() {}

  /**
   * Any whole number, negative too: the caller checks the range ({@code limit}, {@code created}).
   */
  static long integer(Context ctx, String name, long fallback) {
    return read(ctx, name, fallback, SIGNED);
  }

  /** A whole number of at least 0 ({@code limit}, {@code page}). */
  static long wholeNumber(Context ctx, String name, long fallback) {
    return read(ctx, name, fallback, NOT_NEGATIVE);
  }

  private static long read(Context ctx, String name, long fallback, Pattern valid) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    if (!valid.matcher(raw).matches()) {
      throw StripeError.invalidRequest(
          "parameter_invalid_integer", "Invalid integer for " + name + ": " + raw);
    }
    return Long.parseLong(raw);
  }
}
