package orderpay.adapters.kafka;

/** A message that can never be applied (malformed): it goes to the DLQ without retries. */
public final class PoisonMessage extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PoisonMessage(String message, Throwable cause) {
    super(message, cause);
  }
}
