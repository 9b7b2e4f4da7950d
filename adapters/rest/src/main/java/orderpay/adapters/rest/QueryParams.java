package orderpay.adapters.rest;

import io.javalin.http.Context;

final class QueryParams {
  private QueryParams() {}

  static int pageSize(Context ctx) {
    String raw = ctx.queryParam("page_size");
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    try {
      int size = Integer.parseInt(raw.strip());
      if (size < 1) {
        throw ApiError.invalidField("page_size", "page_size must be at least 1");
      }
      return size;
    } catch (NumberFormatException e) {
      throw ApiError.invalidField("page_size", "page_size must be a whole number");
    }
  }

  static String pageToken(Context ctx) {
    String token = ctx.queryParam("page_token");
    if (token != null && token.length() > 512) {
      throw ApiError.invalidField("page_token", "malformed page_token");
    }
    return token == null ? "" : token;
  }
}
