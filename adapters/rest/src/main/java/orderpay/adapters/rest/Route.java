package orderpay.adapters.rest;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** One endpoint of the public API; route classes list theirs so the OpenAPI test can check them. */
public record Route(HandlerType method, String path, Handler handler) {
  public static Route get(String path, Handler handler) {
    return new Route(HandlerType.GET, path, handler);
  }

  public static Route post(String path, Handler handler) {
    return new Route(HandlerType.POST, path, handler);
  }

  public static Route put(String path, Handler handler) {
    return new Route(HandlerType.PUT, path, handler);
  }

  public static Route patch(String path, Handler handler) {
    return new Route(HandlerType.PATCH, path, handler);
  }

  public static Route delete(String path, Handler handler) {
    return new Route(HandlerType.DELETE, path, handler);
  }
}
