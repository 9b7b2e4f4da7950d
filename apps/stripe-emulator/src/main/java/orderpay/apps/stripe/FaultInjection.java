package orderpay.apps.stripe;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs API calls subject to the fault switches: 500 before a call, late or no answer after it. */
final class FaultInjection {
  private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

  private final Faults faults;

  FaultInjection(Faults faults) {
    this.faults = faults;
  }

  /** Runs the call unless a 500 is drawn; then waits the API delay, and may cut the answer. */
  void call(Context ctx, Runnable call) {
    var fault = faults.next(ctx.method() == HandlerType.POST);
    if (fault == Faults.ApiFault.SERVER_ERROR) {
      log.info("fault: answering {} {} with 500", ctx.method(), ctx.path());
      throw new StripeError(
          500, "api_error", null, "An unexpected error occurred (emulated fault).", null);
    }
    RuntimeException refusal = null;
    try {
      call.run();
    } catch (RuntimeException e) {
      refusal = e; // a decline is an answer too: it can be late or lost like any other
    }
    sleep(faults.apiDelay);
    if (fault == Faults.ApiFault.LOSE_ANSWER) {
      log.info(
          "fault: {} {} done, cutting the connection before the answer", ctx.method(), ctx.path());
      cutConnection(ctx);
      return;
    }
    if (refusal != null) {
      throw refusal;
    }
  }

  /** Closes the TCP connection under the request, so the client reads no answer at all. */
  private static void cutConnection(Context ctx) {
    ctx.status(200).result(""); // whatever was prepared must not reach the client
    ServletContextRequest.getServletContextRequest(ctx.req())
        .getConnectionMetaData()
        .getConnection()
        .getEndPoint()
        .close();
  }

  private static void sleep(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
