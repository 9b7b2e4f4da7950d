package orderpay.domain.testing;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import orderpay.domain.shared.IdGenerator;

public final class SequentialIds implements IdGenerator {
  private final AtomicLong next = new AtomicLong(1);

  @Override
  public UUID newId() {
    return new UUID(0x0123_4567_89ab_7000L, next.getAndIncrement());
  }
}
