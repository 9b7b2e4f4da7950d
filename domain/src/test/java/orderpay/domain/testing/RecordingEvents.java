package orderpay.domain.testing;

import java.util.ArrayList;
import java.util.List;
import orderpay.domain.shared.DomainEvent;
import orderpay.domain.shared.EventPublisher;

public final class RecordingEvents implements EventPublisher {
  public final List<DomainEvent> published = new ArrayList<>();

  @Override
  public void publish(DomainEvent event) {
    published.add(event);
  }
}
