// Memberships through gRPC on both engines: plans, enrolment, the monthly
// billing run (idempotent, also when runs race), the month's included
// session, the member price beyond it, and cancellation.
#include "billing_fixture.h"

namespace fascia::testing {
namespace {

class MembershipTest : public BillingTest {
 protected:
  void SetUp() override {
    BillingTest::SetUp();
    if (IsSkipped()) return;
    grpc::ClientContext ctx;
    v1::CreateMembershipPlanRequest req;
    req.set_parent(kOrg);
    req.set_membership_plan_id("monthly");
    *req.mutable_membership_plan() = Parse<v1::MembershipPlan>(std::string(R"(
        display_name: 'Monthly massage' services: ')") + kSwedish + R"('
        included_sessions: 1 monthly_price { currency_code: 'USD' decimal_amount: '89.00' }
        member_discount_basis_points: 2000)");
    grpc::Status status = billing().CreateMembershipPlan(&ctx, req, &plan_);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status Enroll(const std::string& location, v1::Membership* out) {
    grpc::ClientContext ctx;
    v1::CreateMembershipRequest req;
    req.set_parent(kClient1);
    req.mutable_membership()->set_plan(plan_.name());
    req.mutable_membership()->set_location(location);
    *req.mutable_membership()->mutable_start_date() = Parse<v1::Date>("year: 2024 month: 6 day: 3");
    return billing().CreateMembership(&ctx, req, out);
  }

  v1::RunMembershipBillingResponse Run(int month, v1::BillingService::Stub* stub = nullptr) {
    grpc::ClientContext ctx;
    v1::RunMembershipBillingRequest req;
    req.set_location(kNy);
    req.set_year(2024);
    req.set_month(month);
    v1::RunMembershipBillingResponse out;
    grpc::Status status = (stub ? *stub : billing()).RunMembershipBilling(&ctx, req, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  v1::Invoice CompleteVisit(absl::Time start) {
    v1::Appointment a = BookAt(start);
    grpc::ClientContext ctx;
    v1::AppointmentTransitionRequest req;
    req.set_name(a.name());
    v1::Appointment out;
    EXPECT_TRUE(server_->appointments().CheckInAppointment(&ctx, req, &out).ok());
    grpc::ClientContext ctx2;
    EXPECT_TRUE(server_->appointments().CompleteAppointment(&ctx2, req, &out).ok());
    return GetInvoice(out.invoice());
  }

  v1::MembershipPlan plan_;
};

TEST_P(MembershipTest, MonthlyRunBillsEachMonthOnce) {
  v1::Membership membership;
  ASSERT_TRUE(Enroll(kNy, &membership).ok());
  EXPECT_EQ(membership.state(), v1::Membership::ACTIVE);
  EXPECT_TRUE(Run(5).invoices().empty()) << "not started in May";

  v1::RunMembershipBillingResponse june = Run(6);
  ASSERT_EQ(june.invoices_size(), 1);
  v1::Invoice invoice = GetInvoice(june.invoices(0));
  EXPECT_EQ(invoice.status(), v1::Invoice::ISSUED);
  EXPECT_EQ(Minor(invoice.total()), 8900);
  EXPECT_EQ(invoice.lines(0).type(), v1::InvoiceLine::PACKAGE);
  v1::RunMembershipBillingResponse again = Run(6);
  EXPECT_TRUE(again.invoices().empty());
  EXPECT_EQ(again.skipped(), 1);

  // Four runs for July at once bill it once.
  std::vector<v1::RunMembershipBillingResponse> runs(4);
  RunConcurrently(4, [&](int i) {
    auto stub = BillingAs(server_->owner_key());
    runs[i] = Run(7, stub.get());
  });
  int billed = 0;
  for (const auto& r : runs) billed += r.invoices_size();
  EXPECT_EQ(billed, 1);
  grpc::ClientContext ctx;
  v1::GetMembershipRequest get;
  get.set_name(membership.name());
  v1::Membership after;
  ASSERT_TRUE(billing().GetMembership(&ctx, get, &after).ok());
  ASSERT_EQ(after.periods_size(), 2);
  EXPECT_EQ(after.periods(0).month(), 6);
  EXPECT_EQ(after.periods(1).month(), 7);

  // Cancelled: August is not billed; June and July stay.
  grpc::ClientContext ctx2;
  v1::CancelMembershipRequest cancel;
  cancel.set_name(membership.name());
  cancel.set_reason("moving away");
  v1::Membership cancelled;
  ASSERT_TRUE(billing().CancelMembership(&ctx2, cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.state(), v1::Membership::CANCELLED);
  EXPECT_TRUE(Run(8).invoices().empty());
}

TEST_P(MembershipTest, IncludedSessionThenMemberPrice) {
  v1::Membership membership;
  ASSERT_TRUE(Enroll(kNy, &membership).ok());
  v1::RunMembershipBillingResponse june = Run(6);
  ASSERT_EQ(june.invoices_size(), 1);
  ASSERT_TRUE(Pay(june.invoices(0), 8900, "june").ok());

  v1::Invoice first = CompleteVisit(Utc(2024, 6, 3, 14, 0));
  EXPECT_EQ(Minor(first.total()), 0) << "the month's included session";
  v1::Invoice second = CompleteVisit(Utc(2024, 6, 4, 14, 0));
  ASSERT_EQ(second.lines_size(), 2);
  EXPECT_EQ(second.lines(1).id(), "member");
  EXPECT_EQ(Minor(second.lines(0).discount()), 2400) << "20% off 120.00";
  // 96.00 + 4% + 4.875%: 3.84 + 4.68.
  EXPECT_EQ(Minor(second.total()), 9600 + 384 + 468);
}

TEST_P(MembershipTest, BadPlansAndEnrolmentsNameEachField) {
  grpc::ClientContext ctx;
  v1::CreateMembershipPlanRequest req;
  req.set_parent(kOrg);
  *req.mutable_membership_plan() = Parse<v1::MembershipPlan>(R"(
      included_sessions: 40 monthly_price { currency_code: 'JPY' decimal_amount: '10.5' }
      member_discount_basis_points: 20000)");
  v1::MembershipPlan out;
  ExpectBadRequest(billing().CreateMembershipPlan(&ctx, req, &out),
                   {"membership_plan.display_name", "membership_plan.services",
                    "membership_plan.included_sessions", "membership_plan.monthly_price.decimal_amount",
                    "membership_plan.member_discount_basis_points"});
  // London bills in GBP, the plan is in USD.
  v1::Membership membership;
  ExpectBadRequest(Enroll(kLondon, &membership), {"membership.location"});
  grpc::ClientContext ctx2;
  v1::CreateMembershipRequest empty;
  empty.set_parent(kClient1);
  ExpectBadRequest(billing().CreateMembership(&ctx2, empty, &membership),
                   {"membership.plan", "membership.location", "membership.start_date"});
  grpc::ClientContext ctx3;
  v1::RunMembershipBillingRequest run;
  run.set_location(kNy);
  run.set_month(13);
  v1::RunMembershipBillingResponse response;
  ExpectBadRequest(billing().RunMembershipBilling(&ctx3, run, &response), {"year", "month"});
}

INSTANTIATE_TEST_SUITE_P(Engines, MembershipTest,
                         ::testing::Values(storage::Engine::kSqlite, storage::Engine::kPostgres),
                         [](const auto& info) { return EngineName(info.param); });

}  // namespace
}  // namespace fascia::testing
