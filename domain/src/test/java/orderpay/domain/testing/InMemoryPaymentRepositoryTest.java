package orderpay.domain.testing;

import orderpay.domain.payment.PaymentRepository;
import orderpay.domain.payment.ProcessedEvents;

class InMemoryPaymentRepositoryTest extends PaymentRepositoryContract {
  private final InMemoryPaymentRepository payments = new InMemoryPaymentRepository();

  @Override
  protected PaymentRepository emptyPayments() {
    return payments;
  }

  @Override
  protected ProcessedEvents processedEvents() {
    return payments;
  }
}
