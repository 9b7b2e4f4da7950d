package orderpay.adapters.postgres.payment;

import orderpay.adapters.postgres.ContractDatabase;
import orderpay.domain.payment.PaymentRepository;
import orderpay.domain.payment.ProcessedEvents;
import orderpay.domain.testing.PaymentRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiPaymentRepositoryTest extends PaymentRepositoryContract {
  @RegisterExtension
  static final ContractDatabase database =
      new ContractDatabase("payment", "payments", "provider_events");

  private JdbiPaymentRepository payments;

  @Override
  protected PaymentRepository emptyPayments() {
    payments = new JdbiPaymentRepository(database.emptied());
    return payments;
  }

  @Override
  protected ProcessedEvents processedEvents() {
    return payments;
  }
}
