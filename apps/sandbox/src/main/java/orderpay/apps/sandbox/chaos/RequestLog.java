package orderpay.apps.sandbox.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * What a load driver sent and what it got back, for the auditor: every request with its answer, and
 * how many units of each product were put on the shelf. Thread-safe; written and read as JSON
 * lines, so a driver in one process can hand it to an auditor in another.
 */
public final class RequestLog {
  /** The requests the auditor reasons about; everything else is {@code OTHER}. */
  public enum Kind {
    CREATE_ORDER,
    CANCEL_ORDER,
    CONFIRM_IN_BROWSER,
    AUTHENTICATE_3DS,
    OTHER
  }

  /**
   * One request and its answer. {@code status} 0 means no answer (timeout, connection cut); {@code
   * orderId} is the order the answer named, if any.
   */
  public record Exchange(
      long seq,
      String client,
      Kind kind,
      String method,
      String path,
      String userId,
      String idempotencyKey,
      String requestBody,
      int status,
      String orderId,
      String errorCode,
      long sentAtMillis,
      long tookMillis) {
    public boolean accepted() {
      return status >= 200 && status < 300;
    }

    /** Refused by the system (4xx): such a request must have changed nothing. */
    public boolean rejected() {
      return status >= 400 && status < 500;
    }

    /** No answer or a 5xx: the outcome is unknown, so the auditor assumes neither way. */
    public boolean outcomeUnknown() {
      return status == 0 || status >= 500;
    }
  }

  /** Units put on a product's shelf by the driver (initial stock; restocks add to it). */
  public record Supply(String productId, long units) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicLong sequence = new AtomicLong();
  private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> supplied = new ConcurrentHashMap<>();

  /** Logs the exchange {@code numbered} makes of the next sequence number. */
  public Exchange record(LongFunction<Exchange> numbered) {
    var exchange = numbered.apply(sequence.incrementAndGet());
    exchanges.add(exchange);
    return exchange;
  }

  public void supplied(String productId, long units) {
    supplied.merge(productId, units, Long::sum);
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Units supplied per product id, for the products this driver stocked. */
  public Map<String, Long> supplied() {
    return Map.copyOf(supplied);
  }

  public void writeTo(Path file) {
    var lines = new ArrayList<String>();
    try {
      for (var supply : supplied.entrySet()) {
        lines.add(JSON.writeValueAsString(new Supply(supply.getKey(), supply.getValue())));
      }
      for (var exchange : exchanges) {
        lines.add(JSON.writeValueAsString(exchange));
      }
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RequestLog readFrom(Path file) {
    var log = new RequestLog();
    try {
      for (String line : Files.readAllLines(file)) {
        var node = JSON.readTree(line);
        if (node.has("units")) {
          var supply = JSON.treeToValue(node, Supply.class);
          log.supplied(supply.productId(), supply.units());
        } else {
          var exchange = JSON.treeToValue(node, Exchange.class);
          log.exchanges.add(exchange);
          log.sequence.accumulateAndGet(exchange.seq(), Math::max);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return log;
  }
}
