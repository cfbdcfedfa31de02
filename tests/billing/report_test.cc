// The revenue report through gRPC on both engines: its figures reconcile
// with the invoices they come from, totals across locations are the sums of
// the locations (per currency), tips are attributed to therapists, and only
// owners and managers (of their own locations) may read it.
#include "billing_fixture.h"

namespace fascia::testing {
namespace {

class ReportTest : public BillingTest {
 protected:
  grpc::Status Report(const std::string& parent, v1::RevenueReport* out,
                      v1::BillingService::Stub* stub = nullptr) {
    grpc::ClientContext ctx;
    v1::GetRevenueReportRequest req;
    req.set_parent(parent);
    *req.mutable_period()->mutable_start_time() = Ts(Utc(2024, 6, 1));
    *req.mutable_period()->mutable_end_time() = Ts(Utc(2024, 7, 1));
    return (stub ? *stub : billing()).GetRevenueReport(&ctx, req, out);
  }

  v1::Invoice Issue(const std::string& name) {
    grpc::ClientContext ctx;
    v1::IssueInvoiceRequest req;
    req.set_name(name);
    v1::Invoice out;
    EXPECT_TRUE(billing().IssueInvoice(&ctx, req, &out).ok());
    return out;
  }
};

const v1::RevenueFigures* Find(const v1::RevenueReport& report, const std::string& location) {
  for (const auto& f : report.locations()) {
    if (f.location() == location) return &f;
  }
  return nullptr;
}

TEST_P(ReportTest, FiguresReconcileWithTheInvoices) {
  // New York: a service with a discount and a tip, paid; a product, half paid
  // then 5.00 refunded; a draft (not counted); a voided invoice (counted and
  // reversed). London: one product, unpaid.
  v1::Invoice a = Issue(CreateInvoice(std::string(R"(
      lines { type: SERVICE description: 'Swedish' unit_price { amount_minor: 12000 } staff_member: ')") +
                                      kAnn + R"(' }
      lines { type: TIP unit_price { amount_minor: 2000 } staff_member: ')" + kAnn + R"(' }
      lines { type: DISCOUNT discount_basis_points: 1000 })").name());
  ASSERT_TRUE(Pay(a.name(), Minor(a.total()), "a").ok());
  v1::Invoice b = Issue(
      CreateInvoice("lines { type: PRODUCT description: 'Oil' quantity: 2 unit_price { amount_minor: 1999 } }").name());
  v1::Payment half;
  ASSERT_TRUE(Pay(b.name(), 2000, "b", &half).ok());
  {
    grpc::ClientContext ctx;
    v1::RefundPaymentRequest refund;
    refund.set_name(half.name());
    refund.mutable_amount()->set_amount_minor(500);
    refund.set_reason("spilled");
    refund.set_request_id("rb");
    v1::Payment out;
    ASSERT_TRUE(billing().RefundPayment(&ctx, refund, &out).ok());
  }
  CreateInvoice("lines { type: PRODUCT description: 'Draft' unit_price { amount_minor: 99999 } }");
  v1::Invoice voided = Issue(
      CreateInvoice("lines { type: PRODUCT description: 'Oops' unit_price { amount_minor: 7777 } }").name());
  {
    grpc::ClientContext ctx;
    v1::VoidInvoiceRequest req;
    req.set_name(voided.name());
    req.set_reason("wrong client");
    v1::Invoice out;
    ASSERT_TRUE(billing().VoidInvoice(&ctx, req, &out).ok());
  }
  v1::Invoice london = Issue(
      CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 1500 } }", kLondon).name());

  v1::RevenueReport report;
  grpc::Status status = Report("organizations/acme/locations/-", &report);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::RevenueFigures* ny = Find(report, kNy);
  ASSERT_NE(ny, nullptr);
  a = GetInvoice(a.name());
  b = GetInvoice(b.name());
  EXPECT_EQ(ny->currency_code(), "USD");
  EXPECT_EQ(Minor(ny->gross()), Minor(a.subtotal()) + Minor(b.subtotal()));
  EXPECT_EQ(Minor(ny->discounts()), Minor(a.discount_total()) + Minor(b.discount_total()));
  EXPECT_EQ(Minor(ny->tax()), Minor(a.tax_total()) + Minor(b.tax_total()));
  EXPECT_EQ(Minor(ny->tips()), 2000);
  EXPECT_EQ(Minor(ny->refunds()), 500);
  EXPECT_EQ(Minor(ny->net()), Minor(ny->gross()) - Minor(ny->discounts()) - 500);
  EXPECT_EQ(Minor(ny->payments()), Minor(a.amount_paid()) + Minor(b.amount_paid()));
  EXPECT_EQ(Minor(ny->outstanding()), Minor(a.balance_due()) + Minor(b.balance_due()));
  const v1::RevenueFigures* ldn = Find(report, kLondon);
  ASSERT_NE(ldn, nullptr);
  EXPECT_EQ(ldn->currency_code(), "GBP");
  EXPECT_EQ(Minor(ldn->outstanding()), Minor(london.balance_due()));

  // Totals per currency are the sums of the locations.
  ASSERT_EQ(report.totals_size(), 2);
  for (const auto& total : report.totals()) {
    int64_t gross = 0, net = 0, tax = 0, outstanding = 0;
    for (const auto& f : report.locations()) {
      if (f.currency_code() != total.currency_code()) continue;
      gross += Minor(f.gross());
      net += Minor(f.net());
      tax += Minor(f.tax());
      outstanding += Minor(f.outstanding());
    }
    EXPECT_EQ(Minor(total.gross()), gross);
    EXPECT_EQ(Minor(total.net()), net);
    EXPECT_EQ(Minor(total.tax()), tax);
    EXPECT_EQ(Minor(total.outstanding()), outstanding);
  }
  ASSERT_EQ(report.tips_size(), 1);
  EXPECT_EQ(report.tips(0).staff_member(), kAnn);
  EXPECT_EQ(Minor(report.tips(0).tips()), 2000);

  // One location alone gives the same figures.
  v1::RevenueReport only_ny;
  ASSERT_TRUE(Report(kNy, &only_ny).ok());
  ASSERT_EQ(only_ny.locations_size(), 1);
  EXPECT_EQ(Minor(only_ny.locations(0).net()), Minor(ny->net()));
}

TEST_P(ReportTest, OnlyOwnersAndManagersOfTheLocation) {
  v1::RevenueReport out;
  auto manager = BillingAs(KeyFor(v1::MANAGER));
  EXPECT_TRUE(Report(kNy, &out, manager.get()).ok());
  ExpectError(Report(kLondon, &out, manager.get()), grpc::StatusCode::PERMISSION_DENIED,
              "PERMISSION_DENIED");
  ExpectError(Report(kNy, &out, BillingAs(KeyFor(v1::FRONT_DESK)).get()),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  grpc::ClientContext ctx;
  v1::GetRevenueReportRequest bad;
  bad.set_parent("organizations/acme");
  ExpectBadRequest(billing().GetRevenueReport(&ctx, bad, &out), {"parent", "period"});
}

TEST_P(ReportTest, StaffReportGivesTipsAndUtilization) {
  // Ann works 09:00-17:00 in New York: 480 minutes on 2024-06-03. Two visits
  // of 60 minutes (buffers are not client time), one cancelled; one tip.
  v1::Appointment kept = BookAt(Utc(2024, 6, 3, 14, 0));
  v1::Appointment other = BookAt(Utc(2024, 6, 3, 16, 0));
  v1::Appointment cancelled = BookAt(Utc(2024, 6, 3, 18, 0));
  {
    grpc::ClientContext ctx;
    v1::CancelAppointmentRequest req;
    req.set_name(cancelled.name());
    req.set_reason("changed plans");
    v1::Appointment out;
    ASSERT_TRUE(server_->appointments().CancelAppointment(&ctx, req, &out).ok());
  }
  Issue(CreateInvoice(std::string("lines { type: TIP unit_price { amount_minor: 1500 } staff_member: '") +
                      kAnn + "' }")
            .name());
  const absl::TimeZone ny = [] {
    absl::TimeZone tz;
    absl::LoadTimeZone("America/New_York", &tz);
    return tz;
  }();
  auto report = [&](v1::BillingService::Stub& stub, const std::string& staff, v1::StaffReport* out) {
    grpc::ClientContext ctx;
    v1::GetStaffReportRequest req;
    req.set_parent(kNy);
    req.set_staff_member(staff);
    *req.mutable_period()->mutable_start_time() = Ts(absl::FromCivil(absl::CivilDay(2024, 6, 3), ny));
    *req.mutable_period()->mutable_end_time() = Ts(absl::FromCivil(absl::CivilDay(2024, 6, 4), ny));
    return stub.GetStaffReport(&ctx, req, out);
  };
  v1::StaffReport all;
  ASSERT_TRUE(report(billing(), "", &all).ok());
  ASSERT_EQ(all.staff_size(), 2) << "ann and ben work in New York";
  const v1::StaffFigures& ann = all.staff(0).staff_member() == kAnn ? all.staff(0) : all.staff(1);
  EXPECT_EQ(ann.booked_minutes(), 120);
  EXPECT_EQ(ann.scheduled_minutes(), 480);
  EXPECT_EQ(ann.utilization_basis_points(), 2500);
  EXPECT_EQ(Minor(ann.tips()), 1500);

  // A therapist sees its own figures, not a colleague's nor everyone's.
  auto therapist = BillingAs(KeyFor(v1::THERAPIST));
  v1::StaffReport own;
  ASSERT_TRUE(report(*therapist, kAnn, &own).ok());
  ASSERT_EQ(own.staff_size(), 1);
  EXPECT_EQ(Minor(own.staff(0).tips()), 1500);
  ExpectError(report(*therapist, kBen, &own), grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  ExpectError(report(*therapist, "", &own), grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  ExpectError(report(*BillingAs(KeyFor(v1::FRONT_DESK)), kAnn, &own),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportTest,
                         ::testing::Values(storage::Engine::kSqlite, storage::Engine::kPostgres),
                         [](const auto& info) { return EngineName(info.param); });

}  // namespace
}  // namespace fascia::testing
