// Payments, refunds and policy fees through gRPC on both engines: idempotent
// payments under concurrent retries, payments never beyond the balance,
// refunds never beyond the payment (also concurrently), late-cancel and
// no-show fees by the policy version the client accepted, waivers, roles.
#include <atomic>
#include <set>
#include <thread>

#include "billing_fixture.h"

namespace fascia::testing {
namespace {

TEST_P(BillingTest, ConcurrentRetriesOfOnePaymentChargeOnce) {
  v1::Invoice invoice =
      CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 10000 } }");
  constexpr int kRetries = 16;
  std::vector<grpc::Status> statuses(kRetries);
  std::vector<v1::Payment> payments(kRetries);
  RunConcurrently(kRetries, [&](int i) {
    auto stub = BillingAs(server_->owner_key());  // each retry on its own connection
    statuses[i] = Pay(invoice.name(), 2500, "terminal-42", &payments[i], stub.get());
  });
  std::set<std::string> names;
  for (int i = 0; i < kRetries; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    names.insert(payments[i].name());
  }
  EXPECT_EQ(names.size(), 1u) << "every retry returns the one payment";
  v1::Invoice after = GetInvoice(invoice.name());
  EXPECT_EQ(Minor(after.amount_paid()), 2500);
  grpc::ClientContext ctx;
  v1::ListPaymentsRequest list;
  list.set_parent(invoice.name());
  v1::ListPaymentsResponse listed;
  ASSERT_TRUE(billing().ListPayments(&ctx, list, &listed).ok());
  EXPECT_EQ(listed.payments_size(), 1);
  // The same request_id for a different amount is refused.
  ExpectError(Pay(invoice.name(), 2600, "terminal-42"), grpc::StatusCode::ALREADY_EXISTS,
              "REQUEST_ID_REUSED");
}

TEST_P(BillingTest, ConcurrentPaymentsNeverExceedTheBalance) {
  v1::Invoice invoice =
      CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 10000 } }");
  const int64_t total = Minor(invoice.total());
  constexpr int kPayers = 8;
  std::vector<grpc::Status> statuses(kPayers);
  // Each tries to pay 40% of the total: at most two fit.
  RunConcurrently(kPayers, [&](int i) {
    auto stub = BillingAs(server_->owner_key());
    statuses[i] = Pay(invoice.name(), total * 4 / 10, "payer-" + std::to_string(i), nullptr, stub.get());
  });
  int ok = 0;
  for (const auto& s : statuses) {
    if (s.ok()) {
      ++ok;
    } else {
      EXPECT_EQ(ReasonOf(s), "AMOUNT_EXCEEDS_BALANCE") << s.error_message();
    }
  }
  EXPECT_EQ(ok, 2);
  v1::Invoice after = GetInvoice(invoice.name());
  EXPECT_EQ(Minor(after.amount_paid()), 2 * (total * 4 / 10));
  EXPECT_EQ(after.status(), v1::Invoice::PARTIALLY_PAID);
  EXPECT_EQ(Minor(after.balance_due()), total - 2 * (total * 4 / 10));
}

TEST_P(BillingTest, RefundsNeverExceedThePayment) {
  v1::Invoice invoice =
      CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 10000 } }");
  v1::Payment payment;
  ASSERT_TRUE(Pay(invoice.name(), 5000, "p1", &payment).ok());
  constexpr int kRefunders = 8;
  std::vector<grpc::Status> statuses(kRefunders);
  RunConcurrently(kRefunders, [&](int i) {
    auto stub = BillingAs(server_->owner_key());
    grpc::ClientContext ctx;
    v1::RefundPaymentRequest req;
    req.set_name(payment.name());
    req.mutable_amount()->set_decimal_amount("10.00");
    req.set_reason("goodwill");
    req.set_request_id("refund-" + std::to_string(i));
    v1::Payment out;
    statuses[i] = stub->RefundPayment(&ctx, req, &out);
  });
  int ok = 0;
  for (const auto& s : statuses) {
    if (s.ok()) {
      ++ok;
    } else {
      EXPECT_EQ(ReasonOf(s), "REFUND_EXCEEDS_PAYMENT") << s.error_message();
    }
  }
  EXPECT_EQ(ok, 5) << "five refunds of 10.00 use up a 50.00 payment";
  grpc::ClientContext ctx;
  v1::GetPaymentRequest get;
  get.set_name(payment.name());
  v1::Payment after;
  ASSERT_TRUE(billing().GetPayment(&ctx, get, &after).ok());
  EXPECT_EQ(Minor(after.refunded()), 5000);
  EXPECT_EQ(after.refunds_size(), 5);
  v1::Invoice invoice_after = GetInvoice(invoice.name());
  EXPECT_EQ(Minor(invoice_after.amount_refunded()), 5000);
  EXPECT_EQ(invoice_after.status(), v1::Invoice::ISSUED);
  EXPECT_EQ(Minor(invoice_after.balance_due()), Minor(invoice.total()));
}

TEST_P(BillingTest, CardPaymentsKeepOnlyTokenAndLastFour) {
  v1::Invoice invoice =
      CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 1000 } }");
  grpc::ClientContext ctx;
  v1::CreatePaymentRequest req;
  req.set_parent(invoice.name());
  req.set_request_id("card-1");
  req.mutable_payment()->set_method(v1::Payment::CARD);
  req.mutable_payment()->mutable_amount()->set_amount_minor(100);
  req.mutable_payment()->mutable_card()->set_last4("4111111111111111");
  v1::Payment out;
  ExpectBadRequest(billing().CreatePayment(&ctx, req, &out),
                   {"payment.card.processor_token", "payment.card.last4"});
  grpc::ClientContext ctx2;
  v1::CreatePaymentRequest bad;
  bad.set_parent("organizations/acme/invoices/x");
  bad.mutable_payment()->mutable_amount()->set_amount_minor(-1);
  ExpectBadRequest(billing().CreatePayment(&ctx2, bad, &out),
                   {"parent", "request_id", "payment.method"});
  grpc::ClientContext ctx3;
  req.mutable_payment()->mutable_card()->set_last4("1111");
  req.mutable_payment()->mutable_card()->set_processor_token("tok_abc");
  ASSERT_TRUE(billing().CreatePayment(&ctx3, req, &out).ok());
  EXPECT_EQ(out.card().last4(), "1111");
  EXPECT_EQ(out.card().processor_token(), "tok_abc");
  // More than the balance.
  grpc::ClientContext ctx4;
  req.set_request_id("card-2");
  req.mutable_payment()->mutable_amount()->set_amount_minor(100000);
  ExpectError(billing().CreatePayment(&ctx4, req, &out), grpc::StatusCode::FAILED_PRECONDITION,
              "AMOUNT_EXCEEDS_BALANCE");
}

TEST_P(BillingTest, LateCancellationChargesTheAcceptedPolicy) {
  // Booked under policy version 2 (50% late-cancel fee).
  v1::Appointment early = BookAt(Utc(2024, 6, 5, 14, 0));  // 50 h ahead
  v1::Appointment late = BookAt(Utc(2024, 6, 4, 14, 0));   // 26 h ahead
  EXPECT_EQ(late.accepted_policy().version(), 2);
  // The location then raises the fee to 100%: version 3, for new bookings only.
  {
    grpc::ClientContext ctx;
    v1::UpdateLocationRequest req;
    req.mutable_location()->set_name(kNy);
    *req.mutable_location()->mutable_cancellation_policy() = late.accepted_policy();
    req.mutable_location()->mutable_cancellation_policy()->mutable_late_cancel_fee()->set_percent_basis_points(10000);
    req.mutable_update_mask()->add_paths("cancellation_policy");
    v1::Location out;
    ASSERT_TRUE(server_->locations().UpdateLocation(&ctx, req, &out).ok());
    EXPECT_EQ(out.cancellation_policy().version(), 3);
  }
  server_->SetNow(Utc(2024, 6, 3, 16, 0));  // 22 h before `late`, 46 h before `early`
  auto cancel = [&](const std::string& name) {
    grpc::ClientContext ctx;
    v1::CancelAppointmentRequest req;
    req.set_name(name);
    req.set_reason("client called");
    v1::Appointment out;
    grpc::Status status = server_->appointments().CancelAppointment(&ctx, req, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  };
  EXPECT_TRUE(cancel(early.name()).invoice().empty()) << "outside the window: no fee";
  v1::Appointment cancelled = cancel(late.name());
  ASSERT_FALSE(cancelled.invoice().empty());
  v1::Invoice fee = GetInvoice(cancelled.invoice());
  EXPECT_EQ(fee.origin(), v1::Invoice::LATE_CANCEL_FEE);
  EXPECT_EQ(fee.status(), v1::Invoice::ISSUED);
  EXPECT_EQ(fee.policy_version(), 2);
  ASSERT_EQ(fee.lines_size(), 1);
  EXPECT_EQ(fee.lines(0).type(), v1::InvoiceLine::FEE);
  EXPECT_EQ(Minor(fee.lines(0).amount()), 6000) << "50% of 120.00 under version 2";
  EXPECT_EQ(Minor(fee.tax_total()), 293) << "NYC taxes fees (4.875% of 60.00 = 2.925)";
  EXPECT_GT(fee.number(), 0);

  // A manager waives it; the front desk may not.
  grpc::ClientContext ctx;
  v1::WaiveFeeRequest waive;
  waive.set_name(fee.name());
  waive.set_reason("first time");
  v1::Invoice out;
  ExpectError(BillingAs(KeyFor(v1::FRONT_DESK))->WaiveFee(&ctx, waive, &out),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  grpc::ClientContext ctx2;
  grpc::Status waived = BillingAs(KeyFor(v1::MANAGER))->WaiveFee(&ctx2, waive, &out);
  ASSERT_TRUE(waived.ok()) << waived.error_message();
  EXPECT_EQ(out.status(), v1::Invoice::VOID);
  EXPECT_TRUE(out.fee_waived());
  EXPECT_EQ(out.void_reason(), "first time");
}

TEST_P(BillingTest, NoShowChargesTheFixedFee) {
  v1::Appointment a = BookAt(Utc(2024, 6, 3, 14, 0));
  server_->SetNow(Utc(2024, 6, 3, 14, 30));
  grpc::ClientContext ctx;
  v1::MarkNoShowRequest req;
  req.set_name(a.name());
  v1::Appointment out;
  ASSERT_TRUE(server_->appointments().MarkNoShow(&ctx, req, &out).ok());
  ASSERT_FALSE(out.invoice().empty());
  v1::Invoice fee = GetInvoice(out.invoice());
  EXPECT_EQ(fee.origin(), v1::Invoice::NO_SHOW_FEE);
  EXPECT_EQ(Minor(fee.subtotal()), 4000);
  EXPECT_EQ(Minor(fee.total()), 4000 + 195) << "4.875% of 40.00 = 1.95";
  // Waiving is for fees only.
  v1::Invoice product =
      CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 1000 } }");
  grpc::ClientContext ctx2;
  v1::WaiveFeeRequest waive;
  waive.set_name(product.name());
  waive.set_reason("x");
  v1::Invoice ignored;
  ExpectError(billing().WaiveFee(&ctx2, waive, &ignored), grpc::StatusCode::FAILED_PRECONDITION,
              "NOT_A_FEE");
}

TEST_P(BillingTest, FrontDeskTakesPaymentsOnlyManagersRefund) {
  v1::Invoice invoice =
      CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 1000 } }");
  auto front_desk = BillingAs(KeyFor(v1::FRONT_DESK));
  v1::Payment payment;
  ASSERT_TRUE(Pay(invoice.name(), 500, "fd-1", &payment, front_desk.get()).ok());
  grpc::ClientContext ctx;
  v1::RefundPaymentRequest refund;
  refund.set_name(payment.name());
  refund.mutable_amount()->set_amount_minor(100);
  refund.set_reason("x");
  refund.set_request_id("r");
  v1::Payment out;
  ExpectError(front_desk->RefundPayment(&ctx, refund, &out), grpc::StatusCode::PERMISSION_DENIED,
              "PERMISSION_DENIED");
  grpc::ClientContext ctx2;
  ASSERT_TRUE(BillingAs(KeyFor(v1::MANAGER))->RefundPayment(&ctx2, refund, &out).ok());
  // A therapist sees no invoices.
  grpc::ClientContext ctx3;
  v1::GetInvoiceRequest get;
  get.set_name(invoice.name());
  v1::Invoice ignored;
  ExpectError(BillingAs(KeyFor(v1::THERAPIST))->GetInvoice(&ctx3, get, &ignored),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
}

}  // namespace
}  // namespace fascia::testing
