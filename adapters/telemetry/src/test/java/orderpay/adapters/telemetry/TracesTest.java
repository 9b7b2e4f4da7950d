package orderpay.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TracesTest {

  @Test
  void aSpanContinuedFromItsTraceparentIsExportedAsOneTraceOverOtlp() throws Exception {
    try (var receiver = new OtlpReceiver()) {
      Telemetry.install("telemetry-test", Map.of());
      Telemetry.exportTo(receiver.endpoint());
      try {
        String[] stored = new String[1];
        String[] logged = new String[2];
        Traces.within(
            Traces.start("POST /orders", SpanKind.SERVER, Context.root()),
            () ->
                Traces.child(
                    "db transaction",
                    SpanKind.CLIENT,
                    () -> {
                      stored[0] = Traces.currentTraceparent(); // as the outbox keeps it
                      logged[0] = MDC.get(Traces.TRACE_ID);
                      logged[1] = MDC.get(Traces.SPAN_ID);
                      return null;
                    }));
        assertThat(MDC.get(Traces.TRACE_ID)).as("the log context is restored").isNull();
        Traces.within(
            Traces.start("order.paid process", SpanKind.CONSUMER, Traces.parentFrom(stored[0])),
            () -> null);
        assertThat(Telemetry.flush(Duration.ofSeconds(10))).isTrue();

        var spans = receiver.spans();
        assertThat(spans)
            .extracting(OtlpReceiver.ReceivedSpan::name)
            .containsExactly("db transaction", "POST /orders", "order.paid process");
        assertThat(spans).extracting(OtlpReceiver.ReceivedSpan::traceId).containsOnly(logged[0]);
        assertThat(stored[0]).startsWith("00-" + logged[0] + "-" + logged[1] + "-"); // then flags
        var root = spans.get(1);
        assertThat(root.parentSpanId()).isEmpty();
        assertThat(spans.get(0).parentSpanId()).isEqualTo(root.spanId());
        assertThat(spans.get(2).parentSpanId()).as("continued from the row").isEqualTo(logged[1]);
        assertThat(spans)
            .extracting(OtlpReceiver.ReceivedSpan::service)
            .containsOnly("telemetry-test");
        assertThat(receiver.problems()).isEmpty();
        assertThat(receiver.contentTypes()).allMatch(t -> t.startsWith("application/x-protobuf"));
      } finally {
        Telemetry.stopExporting();
      }
    }
  }

  @Test
  void workOutsideAnyTraceMakesNoSpanAndAMalformedTraceparentStartsNone() {
    assertThat(Traces.inTrace()).isFalse();
    assertThat(Traces.child("poll", SpanKind.INTERNAL, Traces::inTrace)).isFalse();
    assertThat(Traces.currentTraceparent()).isNull();
    var parent = Traces.parentFrom("00-zz-not-a-trace-01");
    assertThat(io.opentelemetry.api.trace.Span.fromContext(parent).getSpanContext().isValid())
        .isFalse();
    assertThat(Traces.parentFrom(null)).isSameAs(Context.root());
  }
}
