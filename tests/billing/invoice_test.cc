// Invoices through gRPC on both engines: tax and rounding vectors, currency
// minor units, the invoice created by completing a visit, numbering, edits
// only while DRAFT, voids, and the three-way split.
#include <numeric>

#include <google/protobuf/descriptor.h>

#include "billing_fixture.h"

namespace fascia::testing {
namespace {

// Every figure of an invoice is the exact sum of its parts.
void ExpectAddsUp(const v1::Invoice& invoice) {
  int64_t subtotal = 0, discounts = 0, line_discounts = 0, tips = 0, line_taxes = 0;
  for (const auto& line : invoice.lines()) {
    switch (line.type()) {
      case v1::InvoiceLine::TIP: tips += Minor(line.amount()); break;
      case v1::InvoiceLine::DISCOUNT: discounts += Minor(line.amount()); break;
      default: subtotal += Minor(line.amount()); line_discounts += Minor(line.discount());
    }
    for (const auto& tax : line.taxes()) line_taxes += Minor(tax.amount());
  }
  int64_t rate_taxes = 0;
  for (const auto& tax : invoice.taxes()) rate_taxes += Minor(tax.amount());
  EXPECT_EQ(Minor(invoice.subtotal()), subtotal);
  EXPECT_EQ(Minor(invoice.discount_total()), discounts);
  EXPECT_EQ(line_discounts, discounts) << "the discount spread over the lines adds up";
  EXPECT_EQ(Minor(invoice.tax_total()), line_taxes);
  EXPECT_EQ(Minor(invoice.tax_total()), rate_taxes);
  EXPECT_EQ(Minor(invoice.tip_total()), tips);
  EXPECT_EQ(Minor(invoice.total()), subtotal - discounts + line_taxes + tips);
}

TEST_P(BillingTest, TaxesDiscountsAndTipsAddUpToTheCent) {
  v1::Invoice invoice = CreateInvoice(std::string(R"(
      lines { type: SERVICE description: 'Swedish 60' unit_price { decimal_amount: '100.00' } }
      lines { type: PRODUCT description: 'Arnica gel' quantity: 3 unit_price { amount_minor: 1999 } }
      lines { type: TIP unit_price { decimal_amount: '20' } staff_member: ')") + kAnn + R"(' }
      lines { type: DISCOUNT description: 'Loyalty 10%' discount_basis_points: 1000 })");
  ASSERT_EQ(invoice.status(), v1::Invoice::DRAFT);
  EXPECT_EQ(invoice.number(), 0) << "numbers are assigned at issue";
  EXPECT_EQ(invoice.currency_code(), "USD");
  // 10% of 159.97 = 16.00 (15.997 rounds half away from zero), spread 10.00 /
  // 6.00 by largest remainder (10.0019 / 5.9981).
  EXPECT_EQ(Minor(invoice.lines(0).discount()), 1000);
  EXPECT_EQ(Minor(invoice.lines(1).discount()), 600);
  // NY-STATE 4%: 360 + 215.88 -> 216; NYC 4.875%: 438.75 -> 439, 263.10 -> 263.
  ASSERT_EQ(invoice.lines(0).taxes_size(), 2);
  EXPECT_EQ(Minor(invoice.lines(0).taxes(0).amount()), 360);
  EXPECT_EQ(Minor(invoice.lines(0).taxes(1).amount()), 439);
  EXPECT_EQ(Minor(invoice.lines(1).taxes(0).amount()), 216);
  EXPECT_EQ(Minor(invoice.lines(1).taxes(1).amount()), 263);
  EXPECT_EQ(invoice.lines(2).taxes_size(), 0) << "a tip is never taxed";
  EXPECT_EQ(Minor(invoice.lines(2).discount()), 0) << "nor discounted";
  EXPECT_EQ(Minor(invoice.subtotal()), 15997);
  EXPECT_EQ(Minor(invoice.discount_total()), 1600);
  EXPECT_EQ(Minor(invoice.tax_total()), 1278);
  EXPECT_EQ(Minor(invoice.tip_total()), 2000);
  EXPECT_EQ(Minor(invoice.total()), 17675);
  EXPECT_EQ(invoice.total().decimal_amount(), "176.75");
  EXPECT_EQ(Minor(invoice.balance_due()), 17675);
  ExpectAddsUp(invoice);
}

TEST_P(BillingTest, ThreeWaySplitLosesNoCent) {
  v1::Invoice invoice =
      CreateInvoice("lines { type: PRODUCT description: 'Gift box' unit_price { amount_minor: 10000 } }");
  ASSERT_EQ(Minor(invoice.total()), 10400 + 488) << "4% + 4.875% on a product";
  grpc::ClientContext ctx;
  v1::SplitBalanceRequest req;
  req.set_name(invoice.name());
  req.set_parts(3);
  v1::SplitBalanceResponse parts;
  ASSERT_TRUE(billing().SplitBalance(&ctx, req, &parts).ok());
  ASSERT_EQ(parts.parts_size(), 3);
  // 108.88 / 3 = 36.2933...: 36.30 + 36.29 + 36.29.
  EXPECT_EQ(Minor(parts.parts(0)), 3630);
  EXPECT_EQ(Minor(parts.parts(1)), 3629);
  EXPECT_EQ(Minor(parts.parts(2)), 3629);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Pay(invoice.name(), Minor(parts.parts(i)), "split-" + std::to_string(i)).ok());
  }
  v1::Invoice paid = GetInvoice(invoice.name());
  EXPECT_EQ(paid.status(), v1::Invoice::PAID);
  EXPECT_EQ(Minor(paid.balance_due()), 0);
  EXPECT_EQ(Minor(paid.amount_paid()), Minor(paid.total()));
}

TEST_P(BillingTest, CurrencyMinorUnitsAreEnforced) {
  {
    grpc::ClientContext ctx;
    v1::CreateLocationRequest req;
    req.set_parent(kOrg);
    req.set_location_id("tokyo");
    *req.mutable_location() = Parse<v1::Location>(
        "display_name: 'Tokyo' time_zone: 'Asia/Tokyo' currency_code: 'JPY'");
    v1::Location out;
    ASSERT_TRUE(server_->locations().CreateLocation(&ctx, req, &out).ok());
  }
  const std::string tokyo = "organizations/acme/locations/tokyo";
  auto create = [&](const std::string& location, const std::string& lines) {
    grpc::ClientContext ctx;
    v1::CreateInvoiceRequest req;
    req.set_parent(location);
    *req.mutable_invoice() = Parse<v1::Invoice>(std::string("client: '") + kClient1 + "' " + lines);
    v1::Invoice out;
    return std::make_pair(billing().CreateInvoice(&ctx, req, &out), out);
  };
  // JPY has no minor units: 1500.5 yen does not exist.
  ExpectBadRequest(create(tokyo, "lines { type: PRODUCT description: 'Oil' unit_price { decimal_amount: '1500.5' } }").first,
                   {"invoice.lines[0].unit_price.decimal_amount"});
  auto [ok, yen] = create(tokyo, "lines { type: PRODUCT description: 'Oil' unit_price { decimal_amount: '1500' } }");
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  EXPECT_EQ(Minor(yen.total()), 1500);
  EXPECT_EQ(yen.total().decimal_amount(), "1500");
  EXPECT_EQ(yen.currency_code(), "JPY");
  // USD has two digits; a foreign currency and both amount fields are refused.
  ExpectBadRequest(
      create(kNy, "lines { type: PRODUCT description: 'Oil' unit_price { decimal_amount: '12.345' } }"
                  "lines { type: PRODUCT description: 'Oil' unit_price { currency_code: 'EUR' amount_minor: 5 } }"
                  "lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 5 decimal_amount: '0.06' } }"
                  "lines { type: PRODUCT description: 'Oil' unit_price { decimal_amount: '1e3' } }")
          .first,
      {"invoice.lines[0].unit_price.decimal_amount", "invoice.lines[1].unit_price.currency_code",
       "invoice.lines[2].unit_price", "invoice.lines[3].unit_price.decimal_amount"});
}

TEST_P(BillingTest, BadLinesNameEachField) {
  grpc::ClientContext ctx;
  v1::CreateInvoiceRequest req;
  req.set_parent(kNy);
  req.set_request_id("has spaces");
  *req.mutable_invoice() = Parse<v1::Invoice>(R"(
      client: 'not-a-client'
      lines { type: TYPE_UNSPECIFIED unit_price { amount_minor: 1 } }
      lines { type: PRODUCT unit_price { amount_minor: 100 } }
      lines { type: TIP unit_price { amount_minor: 100 } }
      lines { type: SERVICE quantity: -2 unit_price { amount_minor: -5 } }
      lines { type: DISCOUNT discount_basis_points: 20000 }
      lines { type: DISCOUNT })");
  v1::Invoice out;
  ExpectBadRequest(billing().CreateInvoice(&ctx, req, &out),
                   {"request_id", "invoice.client"});
  req.set_request_id("");
  req.mutable_invoice()->set_client(kClient1);
  grpc::ClientContext ctx2;
  ExpectBadRequest(billing().CreateInvoice(&ctx2, req, &out),
                   {"invoice.lines[0].type", "invoice.lines[1].description",
                    "invoice.lines[2].staff_member", "invoice.lines[3].quantity",
                    "invoice.lines[3].unit_price", "invoice.lines[4].discount_basis_points",
                    "invoice.lines[5]"});
  // A discount larger than what it applies to does not add up.
  grpc::ClientContext ctx3;
  *req.mutable_invoice() = Parse<v1::Invoice>(std::string("client: '") + kClient1 + R"('
      lines { id: 'oil' type: PRODUCT description: 'Oil' unit_price { amount_minor: 500 } }
      lines { type: DISCOUNT discount_amount { amount_minor: 600 } discount_target: 'oil' })");
  ExpectBadRequest(billing().CreateInvoice(&ctx3, req, &out), {"invoice.lines"});
  // A client that does not exist.
  grpc::ClientContext ctx4;
  req.mutable_invoice()->set_client("organizations/acme/clients/nobody");
  req.mutable_invoice()->mutable_lines()->RemoveLast();
  grpc::Status missing = billing().CreateInvoice(&ctx4, req, &out);
  EXPECT_NE(missing.error_code(), grpc::StatusCode::OK);
}

template <typename Req, typename Resp>
grpc::Status CallEmpty(v1::BillingService::Stub& stub,
                       grpc::Status (v1::BillingService::Stub::*method)(grpc::ClientContext*, const Req&, Resp*)) {
  grpc::ClientContext ctx;
  Resp response;
  return (stub.*method)(&ctx, Req(), &response);
}

TEST_P(BillingTest, EveryRpcNamesEachMissingField) {
  using S = v1::BillingService::Stub;
  auto& b = billing();
  ExpectBadRequest(CallEmpty(b, &S::CreateInvoice), {"parent", "invoice.client"});
  ExpectBadRequest(CallEmpty(b, &S::GetInvoice), {"name"});
  ExpectBadRequest(CallEmpty(b, &S::ListInvoices), {"parent"});
  ExpectBadRequest(CallEmpty(b, &S::UpdateInvoice), {"invoice.name", "update_mask"});
  ExpectBadRequest(CallEmpty(b, &S::IssueInvoice), {"name"});
  ExpectBadRequest(CallEmpty(b, &S::VoidInvoice), {"name", "reason"});
  ExpectBadRequest(CallEmpty(b, &S::WaiveFee), {"name", "reason"});
  ExpectBadRequest(CallEmpty(b, &S::SplitBalance), {"name", "parts"});
  ExpectBadRequest(CallEmpty(b, &S::CreatePayment),
                   {"parent", "request_id", "payment.method", "payment.amount"});
  ExpectBadRequest(CallEmpty(b, &S::GetPayment), {"name"});
  ExpectBadRequest(CallEmpty(b, &S::ListPayments), {"parent"});
  ExpectBadRequest(CallEmpty(b, &S::RefundPayment), {"name", "request_id", "reason", "amount"});
  ExpectBadRequest(CallEmpty(b, &S::IssueGiftCard),
                   {"parent", "location", "request_id", "gift_card.initial_balance", "gift_card.purchaser"});
  ExpectBadRequest(CallEmpty(b, &S::GetGiftCard), {"name"});
  ExpectBadRequest(CallEmpty(b, &S::LookupGiftCard), {"parent", "code"});
  ExpectBadRequest(CallEmpty(b, &S::SellPackage),
                   {"parent", "location", "request_id", "package.display_name", "package.services",
                    "package.sessions", "package.price"});
  ExpectBadRequest(CallEmpty(b, &S::GetPackage), {"name"});
  ExpectBadRequest(CallEmpty(b, &S::ListPackages), {"parent"});
  ExpectBadRequest(CallEmpty(b, &S::GetRevenueReport), {"parent", "period"});
  ExpectBadRequest(CallEmpty(b, &S::GetStaffReport), {"parent", "period"});
  ExpectBadRequest(CallEmpty(b, &S::AddAccountCredit), {"client", "request_id", "reason", "amount"});
  ExpectBadRequest(CallEmpty(b, &S::GetCreditBalance), {"name"});
  ExpectBadRequest(CallEmpty(b, &S::CreateMembershipPlan),
                   {"parent", "membership_plan.display_name", "membership_plan.services",
                    "membership_plan.included_sessions", "membership_plan.monthly_price.currency_code"});
  ExpectBadRequest(CallEmpty(b, &S::GetMembershipPlan), {"name"});
  ExpectBadRequest(CallEmpty(b, &S::ListMembershipPlans), {"parent"});
  ExpectBadRequest(CallEmpty(b, &S::UpdateMembershipPlan), {"membership_plan.name", "update_mask"});
  ExpectBadRequest(CallEmpty(b, &S::CreateMembership),
                   {"parent", "membership.plan", "membership.location", "membership.start_date"});
  ExpectBadRequest(CallEmpty(b, &S::GetMembership), {"name"});
  ExpectBadRequest(CallEmpty(b, &S::ListMemberships), {"parent"});
  ExpectBadRequest(CallEmpty(b, &S::CancelMembership), {"name", "reason"});
  ExpectBadRequest(CallEmpty(b, &S::RunMembershipBilling), {"location", "year", "month"});
  ExpectBadRequest(CallEmpty(b, &S::GetSuperbill), {"appointment"});
  const auto* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName("fascia.v1.BillingService");
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->method_count(), 32) << "a new RPC needs a row above";
  // Unknown filter fields and values.
  grpc::ClientContext ctx;
  v1::ListInvoicesRequest list;
  list.set_parent(kNy);
  list.set_filter("status = PAIDISH");
  v1::ListInvoicesResponse out;
  ExpectBadRequest(billing().ListInvoices(&ctx, list, &out), {"filter"});
  grpc::ClientContext ctx2;
  list.set_filter("total = 5");
  ExpectBadRequest(billing().ListInvoices(&ctx2, list, &out), {"filter"});
}

TEST_P(BillingTest, ListInvoicesFiltersByClientAndStatus) {
  v1::Invoice a = CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 100 } }");
  v1::Invoice b = CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 200 } }");
  ASSERT_TRUE(Pay(b.name(), Minor(b.total()), "b").ok());
  grpc::ClientContext ctx;
  v1::ListInvoicesRequest list;
  list.set_parent(kNy);
  list.set_filter(std::string("client = \"") + kClient1 + "\" AND status = PAID");
  v1::ListInvoicesResponse out;
  grpc::Status status = billing().ListInvoices(&ctx, list, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(out.invoices_size(), 1);
  EXPECT_EQ(out.invoices(0).name(), b.name());
}

TEST_P(BillingTest, CompletingAVisitCreatesItsInvoice) {
  v1::Appointment a = BookAt(Utc(2024, 6, 3, 14, 0));  // 10:00 in New York
  server_->SetNow(Utc(2024, 6, 3, 15, 5));
  {
    grpc::ClientContext ctx;
    v1::AppointmentTransitionRequest req;
    req.set_name(a.name());
    v1::Appointment out;
    ASSERT_TRUE(server_->appointments().CheckInAppointment(&ctx, req, &out).ok());
    grpc::ClientContext ctx2;
    grpc::Status done = server_->appointments().CompleteAppointment(&ctx2, req, &a);
    ASSERT_TRUE(done.ok()) << done.error_message();
  }
  ASSERT_FALSE(a.invoice().empty());
  v1::Invoice invoice = GetInvoice(a.invoice());
  EXPECT_EQ(invoice.status(), v1::Invoice::DRAFT);
  EXPECT_EQ(invoice.origin(), v1::Invoice::APPOINTMENT);
  EXPECT_EQ(invoice.appointment(), a.name());
  EXPECT_EQ(invoice.client(), kClient1);
  ASSERT_EQ(invoice.lines_size(), 1);
  EXPECT_EQ(invoice.lines(0).type(), v1::InvoiceLine::SERVICE);
  EXPECT_EQ(invoice.lines(0).service(), kSwedish);
  EXPECT_EQ(invoice.lines(0).staff_member(), kAnn);
  EXPECT_EQ(Minor(invoice.lines(0).unit_price()), 12000);
  EXPECT_EQ(Minor(invoice.total()), 12000 + 480 + 585);

  // The front desk adds a tip, then the client pays: paying issues it.
  grpc::ClientContext ctx;
  v1::UpdateInvoiceRequest update;
  *update.mutable_invoice() = invoice;
  auto* tip = update.mutable_invoice()->add_lines();
  tip->set_type(v1::InvoiceLine::TIP);
  tip->mutable_unit_price()->set_amount_minor(1500);
  tip->set_staff_member(kAnn);
  update.mutable_update_mask()->add_paths("lines");
  v1::Invoice updated;
  ASSERT_TRUE(billing().UpdateInvoice(&ctx, update, &updated).ok());
  EXPECT_EQ(Minor(updated.total()), 13065 + 1500);
  ASSERT_TRUE(Pay(invoice.name(), 14565, "visit-1").ok());
  v1::Invoice paid = GetInvoice(invoice.name());
  EXPECT_EQ(paid.status(), v1::Invoice::PAID);
  EXPECT_EQ(paid.number(), 1);
  ExpectAddsUp(paid);

  // Issued: immutable.
  grpc::ClientContext ctx2;
  *update.mutable_invoice() = paid;
  update.mutable_invoice()->clear_etag();
  ExpectError(billing().UpdateInvoice(&ctx2, update, &updated), grpc::StatusCode::FAILED_PRECONDITION,
              "INVOICE_NOT_DRAFT");
}

TEST_P(BillingTest, NumbersAreSequentialPerLocationWithoutGaps) {
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) {
    names.push_back(
        CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 100 } }").name());
  }
  // A draft voided before issue takes no number.
  {
    grpc::ClientContext ctx;
    v1::VoidInvoiceRequest req;
    req.set_name(names[1]);
    req.set_reason("entered twice");
    v1::Invoice out;
    ASSERT_TRUE(billing().VoidInvoice(&ctx, req, &out).ok());
    EXPECT_EQ(out.status(), v1::Invoice::VOID);
    EXPECT_EQ(out.number(), 0);
  }
  std::vector<int64_t> numbers;
  for (const std::string& name : {names[2], names[0]}) {
    grpc::ClientContext ctx;
    v1::IssueInvoiceRequest req;
    req.set_name(name);
    v1::Invoice out;
    ASSERT_TRUE(billing().IssueInvoice(&ctx, req, &out).ok());
    EXPECT_EQ(out.status(), v1::Invoice::ISSUED);
    numbers.push_back(out.number());
  }
  EXPECT_EQ(numbers, (std::vector<int64_t>{1, 2}));
  // London counts on its own.
  v1::Invoice london = CreateInvoice(
      "lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 100 } }", kLondon);
  EXPECT_EQ(london.currency_code(), "GBP");
  grpc::ClientContext ctx;
  v1::IssueInvoiceRequest req;
  req.set_name(london.name());
  v1::Invoice out;
  ASSERT_TRUE(billing().IssueInvoice(&ctx, req, &out).ok());
  EXPECT_EQ(out.number(), 1);
  EXPECT_EQ(Minor(out.tax_total()), 0) << "London has no tax rates";
  // Issuing twice is refused.
  grpc::ClientContext ctx2;
  ExpectError(billing().IssueInvoice(&ctx2, req, &out), grpc::StatusCode::FAILED_PRECONDITION,
              "INVOICE_NOT_DRAFT");
}

TEST_P(BillingTest, VoidNeedsPaymentsRefundedFirst) {
  v1::Invoice invoice =
      CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 1000 } }");
  v1::Payment payment;
  ASSERT_TRUE(Pay(invoice.name(), 500, "part", &payment).ok());
  EXPECT_EQ(GetInvoice(invoice.name()).status(), v1::Invoice::PARTIALLY_PAID);
  grpc::ClientContext ctx;
  v1::VoidInvoiceRequest req;
  req.set_name(invoice.name());
  req.set_reason("client changed their mind");
  v1::Invoice out;
  ExpectError(billing().VoidInvoice(&ctx, req, &out), grpc::StatusCode::FAILED_PRECONDITION,
              "INVOICE_NOT_VOIDABLE");
  grpc::ClientContext ctx2;
  v1::RefundPaymentRequest refund;
  refund.set_name(payment.name());
  refund.mutable_amount()->set_amount_minor(500);
  refund.set_reason("returned");
  refund.set_request_id("r1");
  v1::Payment refunded;
  ASSERT_TRUE(billing().RefundPayment(&ctx2, refund, &refunded).ok());
  EXPECT_EQ(Minor(refunded.refunded()), 500);
  grpc::ClientContext ctx3;
  ASSERT_TRUE(billing().VoidInvoice(&ctx3, req, &out).ok());
  EXPECT_EQ(out.status(), v1::Invoice::VOID);
  EXPECT_EQ(out.void_reason(), "client changed their mind");
  EXPECT_EQ(out.number(), 1) << "a void keeps its number";
  grpc::ClientContext ctx4;
  ExpectError(billing().VoidInvoice(&ctx4, req, &out), grpc::StatusCode::FAILED_PRECONDITION,
              "INVOICE_NOT_VOIDABLE");
}

}  // namespace
}  // namespace fascia::testing
