package orderpay.adapters.rest;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import orderpay.contracts.common.v1.PageRequest;

/** The query parameters several routes share: paging in, and the paged answer out. */
final class QueryParams {
  private QueryParams() {}

  /** {@code page_size} and {@code page_token} as the services' {@link PageRequest}. */
  static PageRequest page(Context ctx) {
    return PageRequest.newBuilder().setPageSize(pageSize(ctx)).setPageToken(pageToken(ctx)).build();
  }

  /** A page of {@code items} under {@code field}, and the token of the next (null on the last). */
  static void respondWithPage(Context ctx, String field, List<?> items, String nextPageToken) {
    var json = new LinkedHashMap<String, Object>();
    json.put(field, items);
    json.put("next_page_token", nextPageToken.isEmpty() ? null : nextPageToken);
    Json.respond(ctx, 200, json);
  }

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
