package orderpay.domain.reconciliation;

import java.util.List;

/**
 * One intent at the provider (or, where there is none, one payment or one order of ours) with
 * everything matched to it; any of the parts may be null where nothing matched. {@code orderId} is
 * the order the row is about: its payment's, else the intent's metadata, else null.
 */
public record ReconciliationRow(
    ProviderIntent intent,
    RecordedPayment payment,
    String orderId,
    RecordedOrder order,
    StockHold stock,
    List<Problem> problems) {
  public ReconciliationRow {
    problems = List.copyOf(problems);
  }

  public boolean isDifference() {
    return !problems.isEmpty();
  }
}
