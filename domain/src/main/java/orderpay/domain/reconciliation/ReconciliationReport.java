package orderpay.domain.reconciliation;

import java.util.List;

/**
 * The comparison of one window: every row, those with problems first; how many intents and orders
 * were compared.
 */
public record ReconciliationReport(List<ReconciliationRow> rows, int intents, int orders) {
  public ReconciliationReport {
    rows = List.copyOf(rows);
  }

  /** The rows with at least one problem. */
  public List<ReconciliationRow> differences() {
    return rows.stream().filter(ReconciliationRow::isDifference).toList();
  }
}
