package orderpay.adapters.grpc.payment;

import static orderpay.adapters.grpc.StreamReplies.reply;

import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import orderpay.adapters.grpc.ProtoMoney;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.contracts.payment.v1.CancelPaymentRequest;
import orderpay.contracts.payment.v1.CheckPaymentMethodRequest;
import orderpay.contracts.payment.v1.CheckPaymentMethodResponse;
import orderpay.contracts.payment.v1.CheckPaymentStatusRequest;
import orderpay.contracts.payment.v1.CompleteTestAuthenticationRequest;
import orderpay.contracts.payment.v1.GetPaymentActivityRequest;
import orderpay.contracts.payment.v1.InitiatePaymentRequest;
import orderpay.contracts.payment.v1.ListIntentsAndPaymentsRequest;
import orderpay.contracts.payment.v1.ListIntentsAndPaymentsResponse;
import orderpay.contracts.payment.v1.Payment;
import orderpay.contracts.payment.v1.PaymentActivity;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.contracts.payment.v1.ProviderEvent;
import orderpay.contracts.payment.v1.ProviderIntent;
import orderpay.contracts.payment.v1.RefundPaymentRequest;
import orderpay.contracts.payment.v1.StripeWebhookRequest;
import orderpay.contracts.payment.v1.StripeWebhookResponse;
import orderpay.domain.payment.CancelPayment;
import orderpay.domain.payment.CheckPaymentMethod;
import orderpay.domain.payment.CompleteTestAuthentication;
import orderpay.domain.payment.HandleWebhook;
import orderpay.domain.payment.InitiatePayment;
import orderpay.domain.payment.PaymentQueries;
import orderpay.domain.payment.RefundPayment;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/** The payment service's gRPC API: each method hands its request to one use case. */
public final class PaymentGrpcService extends PaymentServiceGrpc.PaymentServiceImplBase {
  /** Intents and payments per streamed message: far below gRPC's 4 MiB limit. */
  private static final int CHUNK = 1000;

  /** The use cases its methods hand requests to, built together by the payment service. */
  public record UseCases(
      InitiatePayment initiate,
      CheckPaymentMethod checkMethod,
      CancelPayment cancel,
      RefundPayment refund,
      HandleWebhook webhook,
      CompleteTestAuthentication testAuthentication,
      PaymentQueries queries) {}

  private final UseCases useCases;
  private final WebhookCounts webhooks;

  public PaymentGrpcService(UseCases useCases, MeterRegistry registry) {
    this.useCases = useCases;
    this.webhooks = new WebhookCounts(registry);
  }

  @Override
  public void initiatePayment(InitiatePaymentRequest request, StreamObserver<Payment> response) {
    reply(
        response,
        PaymentMessages.toProto(
            useCases
                .initiate()
                .initiate(
                    OrderId.parse(request.getOrderId()),
                    UserId.parse(request.getUserId()),
                    ProtoMoney.required(request.hasAmount(), request.getAmount(), "amount"),
                    request.getPaymentMethod().isEmpty() ? null : request.getPaymentMethod(),
                    request.getAttempt())));
  }

  @Override
  public void checkPaymentStatus(
      CheckPaymentStatusRequest request, StreamObserver<Payment> response) {
    // the payment service runs this behind UserCheck: the reader is the verified customer
    var payment =
        switch (request.getByCase()) {
          case PAYMENT_ID ->
              useCases.queries().readById(request.getPaymentId(), UserCheck.currentReader());
          case ORDER_ID ->
              useCases
                  .queries()
                  .readByOrder(OrderId.parse(request.getOrderId()), UserCheck.currentReader());
          case BY_NOT_SET -> throw DomainException.invalid("give a payment_id or an order_id");
        };
    reply(response, PaymentMessages.toProto(payment));
  }

  @Override
  public void cancelPayment(CancelPaymentRequest request, StreamObserver<Payment> response) {
    reply(
        response,
        PaymentMessages.toProto(useCases.cancel().cancel(OrderId.parse(request.getOrderId()))));
  }

  @Override
  public void refundPayment(RefundPaymentRequest request, StreamObserver<Payment> response) {
    reply(
        response,
        PaymentMessages.toProto(useCases.refund().refund(OrderId.parse(request.getOrderId()))));
  }

  @Override
  public void checkPaymentMethod(
      CheckPaymentMethodRequest request, StreamObserver<CheckPaymentMethodResponse> response) {
    useCases.checkMethod().check(request.getPaymentMethod());
    reply(response, CheckPaymentMethodResponse.getDefaultInstance());
  }

  @Override
  public void handleStripeWebhook(
      StripeWebhookRequest request, StreamObserver<StripeWebhookResponse> response) {
    HandleWebhook.Outcome outcome;
    try {
      outcome =
          useCases
              .webhook()
              .handle(request.getPayload().toByteArray(), request.getSignatureHeader());
    } catch (RuntimeException refused) {
      webhooks.refused(refused);
      throw refused; // mapped to a status by the server's error interceptor, as before
    }
    webhooks.handled(outcome.duplicate());
    reply(
        response,
        StripeWebhookResponse.newBuilder()
            .setEventId(outcome.eventId())
            .setDuplicate(outcome.duplicate())
            .build());
  }

  @Override
  public void completeTestAuthentication(
      CompleteTestAuthenticationRequest request, StreamObserver<Payment> response) {
    // behind UserCheck, like checkPaymentStatus: the reader is the verified customer
    reply(
        response,
        PaymentMessages.toProto(
            useCases
                .testAuthentication()
                .complete(OrderId.parse(request.getOrderId()), UserCheck.currentReader())));
  }

  @Override
  public void getPaymentActivity(
      GetPaymentActivityRequest request, StreamObserver<PaymentActivity> response) {
    // behind UserCheck, like checkPaymentStatus: the reader is the verified customer
    var activity =
        useCases
            .queries()
            .activityOf(OrderId.parse(request.getOrderId()), UserCheck.currentReader());
    var reply =
        PaymentActivity.newBuilder().setPayment(PaymentMessages.toProto(activity.payment()));
    for (var event : activity.providerEvents()) {
      reply.addProviderEvents(
          ProviderEvent.newBuilder()
              .setEventId(event.eventId())
              .setType(event.type())
              .setReceivedAt(ProtoTime.of(event.receivedAt())));
    }
    reply(response, reply.build());
  }

  /** Admin only: the service runs this method behind an admin check of the forwarded token. */
  @Override
  public void listIntentsAndPayments(
      ListIntentsAndPaymentsRequest request,
      StreamObserver<ListIntentsAndPaymentsResponse> response) {
    if (!request.hasCreatedFrom()) {
      throw DomainException.invalidField("created_from", "created_from is required");
    }
    var ledger = useCases.queries().ledgerSince(ProtoTime.toInstant(request.getCreatedFrom()));
    var intents =
        ledger.intents().stream()
            .map(
                intent ->
                    ProviderIntent.newBuilder()
                        .setProviderPaymentId(intent.providerPaymentId())
                        .setOrderId(intent.orderId() == null ? "" : intent.orderId())
                        .setProviderStatus(intent.providerStatus())
                        .setAmount(ProtoMoney.of(intent.amount()))
                        .setAmountRefundedMinor(intent.amountRefunded())
                        .setCreatedAt(ProtoTime.of(intent.createdAt()))
                        .build())
            .toList();
    var paymentRows = ledger.payments().stream().map(PaymentMessages::toProto).toList();
    // streamed in chunks: a long window holds more than one message may
    int largest = Math.max(intents.size(), paymentRows.size());
    int chunks = Math.max(1, (largest + CHUNK - 1) / CHUNK);
    for (int i = 0; i < chunks; i++) {
      response.onNext(
          ListIntentsAndPaymentsResponse.newBuilder()
              .addAllIntents(chunk(intents, i))
              .addAllPayments(chunk(paymentRows, i))
              .build());
    }
    response.onCompleted();
  }

  private static <T> java.util.List<T> chunk(java.util.List<T> items, int index) {
    int from = Math.min(items.size(), index * CHUNK);
    return items.subList(from, Math.min(items.size(), from + CHUNK));
  }
}
