// Gift cards and packages through gRPC on both engines: sold on an invoice
// (never taxed at sale), usable once that invoice is paid, redeemable across
// locations, balances that never go negative under concurrent redemption,
// refunds that restore a card, package sessions used by completed visits or
// forfeited by the cancellation policy.
#include <atomic>
#include <regex>
#include <thread>

#include <set>

#include <google/protobuf/util/json_util.h>

#include "billing_fixture.h"

namespace fascia::testing {
namespace {

class PrepaidTest : public BillingTest {
 protected:
  v1::IssueGiftCardResponse IssueCard(const std::string& amount, const std::string& request_id) {
    grpc::ClientContext ctx;
    v1::IssueGiftCardRequest req;
    req.set_parent(kOrg);
    req.set_location(kNy);
    req.set_request_id(request_id);
    req.mutable_gift_card()->mutable_initial_balance()->set_decimal_amount(amount);
    req.mutable_gift_card()->set_purchaser(kClient2);
    req.mutable_gift_card()->set_recipient_name("Sam");
    v1::IssueGiftCardResponse out;
    grpc::Status status = billing().IssueGiftCard(&ctx, req, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  grpc::Status PayWithCard(const std::string& invoice, int64_t amount, const std::string& code,
                           const std::string& request_id, v1::Payment* out = nullptr,
                           v1::BillingService::Stub* stub = nullptr) {
    grpc::ClientContext ctx;
    v1::CreatePaymentRequest req;
    req.set_parent(invoice);
    req.set_request_id(request_id);
    req.mutable_payment()->set_method(v1::Payment::GIFT_CARD);
    req.mutable_payment()->set_gift_card_code(code);
    req.mutable_payment()->mutable_amount()->set_amount_minor(amount);
    v1::Payment ignored;
    return (stub ? *stub : billing()).CreatePayment(&ctx, req, out ? out : &ignored);
  }

  v1::GiftCard Card(const std::string& name) {
    grpc::ClientContext ctx;
    v1::GetGiftCardRequest req;
    req.set_name(name);
    v1::GiftCard out;
    EXPECT_TRUE(billing().GetGiftCard(&ctx, req, &out).ok());
    return out;
  }

  void CreateLocation(const std::string& id, const std::string& currency) {
    grpc::ClientContext ctx;
    v1::CreateLocationRequest req;
    req.set_parent(kOrg);
    req.set_location_id(id);
    *req.mutable_location() = Parse<v1::Location>("display_name: '" + id +
                                                  "' time_zone: 'America/New_York' currency_code: '" +
                                                  currency + "'");
    v1::Location out;
    ASSERT_TRUE(server_->locations().CreateLocation(&ctx, req, &out).ok());
  }

  v1::SellPackageResponse SellPackage(int sessions, const std::string& price) {
    grpc::ClientContext ctx;
    v1::SellPackageRequest req;
    req.set_parent(kClient1);
    req.set_location(kNy);
    req.set_request_id("pkg-" + std::to_string(sessions));
    req.mutable_package()->set_display_name("Swedish bundle");
    req.mutable_package()->add_services(kSwedish);
    req.mutable_package()->set_sessions(sessions);
    req.mutable_package()->mutable_price()->set_decimal_amount(price);
    v1::SellPackageResponse out;
    grpc::Status status = billing().SellPackage(&ctx, req, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  v1::Package GetPackage(const std::string& name) {
    grpc::ClientContext ctx;
    v1::GetPackageRequest req;
    req.set_name(name);
    v1::Package out;
    EXPECT_TRUE(billing().GetPackage(&ctx, req, &out).ok());
    return out;
  }

  // Books, checks in and completes a swedish visit of c1 with `staff` at
  // `start`; returns the completed appointment (or the error).
  grpc::Status Visit(absl::Time start, const std::string& staff, v1::Appointment* done) {
    v1::Appointment a;
    grpc::Status booked = Book(*server_, kClient1, staff, staff == kAnn ? kRoom1 : kRoom2, start,
                               kSwedish, &a);
    if (!booked.ok()) return booked;
    grpc::ClientContext ctx;
    v1::AppointmentTransitionRequest req;
    req.set_name(a.name());
    v1::Appointment checked_in;
    grpc::Status in = server_->appointments().CheckInAppointment(&ctx, req, &checked_in);
    if (!in.ok()) return in;
    grpc::ClientContext ctx2;
    return server_->appointments().CompleteAppointment(&ctx2, req, done);
  }
};

TEST_P(PrepaidTest, GiftCardIsSoldUntaxedAndUsableOncePaid) {
  v1::IssueGiftCardResponse issued = IssueCard("100.00", "gc-1");
  EXPECT_TRUE(std::regex_match(issued.code(), std::regex("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}")))
      << issued.code();
  EXPECT_EQ(issued.gift_card().code_hint(), issued.code().substr(15));
  EXPECT_FALSE(issued.gift_card().active());
  EXPECT_EQ(issued.invoice().status(), v1::Invoice::ISSUED);
  ASSERT_EQ(issued.invoice().lines_size(), 1);
  EXPECT_EQ(issued.invoice().lines(0).type(), v1::InvoiceLine::GIFT_CARD);
  EXPECT_EQ(Minor(issued.invoice().tax_total()), 0) << "taxed at redemption, not at sale";
  EXPECT_EQ(Minor(issued.invoice().total()), 10000);
  EXPECT_EQ(Minor(issued.invoice().prepaid_total()), 10000);

  v1::Invoice visit =
      CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 2000 } }");
  ExpectError(PayWithCard(visit.name(), 1000, issued.code(), "early"),
              grpc::StatusCode::FAILED_PRECONDITION, "GIFT_CARD_INACTIVE");
  ASSERT_TRUE(Pay(issued.invoice().name(), 10000, "buy-card").ok());
  v1::GiftCard card = Card(issued.gift_card().name());
  EXPECT_TRUE(card.active());
  EXPECT_EQ(Minor(card.balance()), 10000);

  // The code works however it is typed; the balance goes down.
  std::string typed = issued.code();
  typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
  std::transform(typed.begin(), typed.end(), typed.begin(), ::tolower);
  v1::Payment payment;
  ASSERT_TRUE(PayWithCard(visit.name(), Minor(visit.total()), typed, "redeem", &payment).ok());
  EXPECT_EQ(payment.gift_card(), card.name());
  EXPECT_TRUE(payment.gift_card_code().empty()) << "the code is never stored or returned";
  EXPECT_EQ(Minor(Card(card.name()).balance()), 10000 - Minor(visit.total()));
  // A refund puts it back on the card.
  grpc::ClientContext ctx;
  v1::RefundPaymentRequest refund;
  refund.set_name(payment.name());
  refund.mutable_amount()->set_amount_minor(500);
  refund.set_reason("oil returned");
  refund.set_request_id("r");
  v1::Payment refunded;
  ASSERT_TRUE(billing().RefundPayment(&ctx, refund, &refunded).ok());
  EXPECT_EQ(Minor(Card(card.name()).balance()), 10000 - Minor(visit.total()) + 500);

  // Lookup by code; an unknown code.
  grpc::ClientContext ctx2;
  v1::LookupGiftCardRequest lookup;
  lookup.set_parent(kOrg);
  lookup.set_code(issued.code());
  v1::GiftCard found;
  ASSERT_TRUE(billing().LookupGiftCard(&ctx2, lookup, &found).ok());
  EXPECT_EQ(found.name(), card.name());
  grpc::ClientContext ctx3;
  lookup.set_code("AAAA-BBBB-CCCC-DDDD");
  ExpectError(billing().LookupGiftCard(&ctx3, lookup, &found), grpc::StatusCode::NOT_FOUND,
              "GIFT_CARD_NOT_FOUND");
}

TEST_P(PrepaidTest, GiftCardWorksAtEveryLocationInItsCurrency) {
  CreateLocation("boston", "USD");
  v1::IssueGiftCardResponse issued = IssueCard("50", "gc-2");
  ASSERT_TRUE(Pay(issued.invoice().name(), 5000, "buy").ok());
  v1::Invoice boston = CreateInvoice(
      "lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 3000 } }",
      "organizations/acme/locations/boston");
  ASSERT_TRUE(PayWithCard(boston.name(), 3000, issued.code(), "b").ok());
  v1::Invoice london = CreateInvoice(
      "lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 1000 } }", kLondon);
  ExpectError(PayWithCard(london.name(), 1000, issued.code(), "l"),
              grpc::StatusCode::FAILED_PRECONDITION, "GIFT_CARD_CURRENCY");
  v1::Invoice another = CreateInvoice(
      "lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 3000 } }",
      "organizations/acme/locations/boston");
  ExpectError(PayWithCard(another.name(), 1, "NOPE-NOPE-NOPE-NOPE", "x"),
              grpc::StatusCode::FAILED_PRECONDITION, "GIFT_CARD_NOT_FOUND");
}

TEST_P(PrepaidTest, ConcurrentRedemptionsNeverOverdrawACard) {
  v1::IssueGiftCardResponse issued = IssueCard("100.00", "gc-3");
  ASSERT_TRUE(Pay(issued.invoice().name(), 10000, "buy").ok());
  constexpr int kRedeemers = 8;
  std::vector<std::string> invoices;
  for (int i = 0; i < kRedeemers; ++i) {
    invoices.push_back(
        CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 5000 } }").name());
  }
  std::vector<grpc::Status> statuses(kRedeemers);
  RunConcurrently(kRedeemers, [&](int i) {
    auto stub = BillingAs(server_->owner_key());
    statuses[i] = PayWithCard(invoices[i], 3000, issued.code(), "r" + std::to_string(i), nullptr, stub.get());
  });
  int ok = 0;
  for (const auto& s : statuses) {
    if (s.ok()) {
      ++ok;
    } else {
      EXPECT_EQ(ReasonOf(s), "GIFT_CARD_INSUFFICIENT") << s.error_message();
    }
  }
  EXPECT_EQ(ok, 3) << "three 30.00 redemptions fit in 100.00";
  EXPECT_EQ(Minor(Card(issued.gift_card().name()).balance()), 1000);
}

TEST_P(PrepaidTest, GiftCardRulesAreChecked) {
  grpc::ClientContext ctx;
  v1::IssueGiftCardRequest req;
  req.set_parent(kOrg);
  req.set_location(kLondon);
  req.mutable_gift_card()->mutable_initial_balance()->set_amount_minor(0);
  *req.mutable_gift_card()->mutable_expire_time() = Ts(server_->Now() + absl::Hours(24 * 365));
  v1::IssueGiftCardResponse out;
  ExpectBadRequest(billing().IssueGiftCard(&ctx, req, &out),
                   {"request_id", "gift_card.purchaser", "gift_card.expire_time"});
  grpc::ClientContext ctx2;
  req.set_request_id("x");
  req.mutable_gift_card()->set_purchaser(kClient1);
  req.mutable_gift_card()->clear_expire_time();
  ExpectBadRequest(billing().IssueGiftCard(&ctx2, req, &out), {"gift_card.initial_balance"});
  // A retry of a successful issue returns the card without its code.
  v1::IssueGiftCardResponse first = IssueCard("10", "same");
  v1::IssueGiftCardResponse again = IssueCard("10", "same");
  EXPECT_EQ(again.gift_card().name(), first.gift_card().name());
  EXPECT_EQ(again.invoice().name(), first.invoice().name());
  EXPECT_TRUE(again.code().empty());
}

TEST_P(PrepaidTest, PackageSessionsPayForVisits) {
  v1::SellPackageResponse sold = SellPackage(3, "300.00");
  EXPECT_EQ(Minor(sold.invoice().total()), 30000) << "a package sale is not taxed";
  EXPECT_FALSE(sold.package().active());
  // Before it is paid, a visit is charged as usual.
  v1::Appointment first;
  ASSERT_TRUE(Visit(Utc(2024, 6, 3, 13, 30), kAnn, &first).ok());
  EXPECT_EQ(GetInvoice(first.invoice()).lines_size(), 1);
  ASSERT_TRUE(Pay(sold.invoice().name(), 30000, "buy-package").ok());
  EXPECT_TRUE(GetPackage(sold.package().name()).active());

  v1::Appointment second;
  ASSERT_TRUE(Visit(Utc(2024, 6, 3, 15, 30), kAnn, &second).ok());
  v1::Invoice invoice = GetInvoice(second.invoice());
  ASSERT_EQ(invoice.lines_size(), 2);
  EXPECT_EQ(invoice.lines(1).type(), v1::InvoiceLine::DISCOUNT);
  EXPECT_EQ(invoice.lines(1).package(), sold.package().name());
  EXPECT_EQ(Minor(invoice.lines(0).discount()), 12000);
  EXPECT_EQ(Minor(invoice.tax_total()), 0);
  EXPECT_EQ(Minor(invoice.total()), 0);
  v1::Package package = GetPackage(sold.package().name());
  EXPECT_EQ(package.sessions_used(), 1);
  ASSERT_EQ(package.uses_size(), 1);
  EXPECT_EQ(package.uses(0).reason(), v1::PackageUse::VISIT);
  EXPECT_EQ(Minor(package.uses(0).value()), 10000);
  // Nothing to pay: issuing makes it PAID.
  grpc::ClientContext ctx;
  v1::IssueInvoiceRequest issue;
  issue.set_name(invoice.name());
  v1::Invoice issued;
  ASSERT_TRUE(billing().IssueInvoice(&ctx, issue, &issued).ok());
  EXPECT_EQ(issued.status(), v1::Invoice::PAID);
  // Voiding the visit's invoice gives the session back to the package.
  grpc::ClientContext ctx2;
  v1::VoidInvoiceRequest void_request;
  void_request.set_name(invoice.name());
  void_request.set_reason("visit billed in error");
  v1::Invoice voided;
  ASSERT_TRUE(billing().VoidInvoice(&ctx2, void_request, &voided).ok());
  package = GetPackage(sold.package().name());
  EXPECT_EQ(package.sessions_used(), 0);
  ASSERT_EQ(package.uses_size(), 1);
  EXPECT_TRUE(package.uses(0).returned());
}

TEST_P(PrepaidTest, ConcurrentVisitsNeverUseMoreSessionsThanBought) {
  v1::SellPackageResponse sold = SellPackage(2, "200.00");
  ASSERT_TRUE(Pay(sold.invoice().name(), 20000, "buy").ok());
  // Four visits of c1 at distinct times with ann and ben, completed at once.
  std::vector<v1::Appointment> booked(4);
  for (int i = 0; i < 4; ++i) {
    const absl::Time start = Utc(2024, 6, 3, 13, 30) + absl::Hours(2 * i);
    ASSERT_TRUE(Book(*server_, kClient1, i % 2 ? kBen : kAnn, i % 2 ? kRoom2 : kRoom1, start,
                     kSwedish, &booked[i]).ok());
    grpc::ClientContext ctx;
    v1::AppointmentTransitionRequest req;
    req.set_name(booked[i].name());
    v1::Appointment out;
    ASSERT_TRUE(server_->appointments().CheckInAppointment(&ctx, req, &out).ok());
  }
  std::vector<v1::Appointment> done(4);
  std::vector<grpc::Status> statuses(4);
  RunConcurrently(4, [&](int i) {
    auto stub = v1::AppointmentService::NewStub(server_->NewChannel());
    grpc::ClientContext ctx;
    v1::AppointmentTransitionRequest req;
    req.set_name(booked[i].name());
    statuses[i] = stub->CompleteAppointment(&ctx, req, &done[i]);
  });
  int covered = 0;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    covered += GetInvoice(done[i].invoice()).lines_size() == 2;
  }
  EXPECT_EQ(covered, 2);
  EXPECT_EQ(GetPackage(sold.package().name()).sessions_used(), 2);
}

TEST_P(PrepaidTest, PolicyMayForfeitASessionInsteadOfAFee) {
  {
    grpc::ClientContext ctx;
    v1::GetLocationRequest get;
    get.set_name(kNy);
    v1::Location ny;
    ASSERT_TRUE(server_->locations().GetLocation(&ctx, get, &ny).ok());
    grpc::ClientContext ctx2;
    v1::UpdateLocationRequest req;
    *req.mutable_location() = ny;
    req.mutable_location()->mutable_cancellation_policy()->set_forfeit_package_credit(true);
    req.mutable_update_mask()->add_paths("cancellation_policy");
    v1::Location out;
    ASSERT_TRUE(server_->locations().UpdateLocation(&ctx2, req, &out).ok());
  }
  v1::SellPackageResponse sold = SellPackage(5, "500.00");
  ASSERT_TRUE(Pay(sold.invoice().name(), 50000, "buy").ok());
  v1::Appointment a = BookAt(Utc(2024, 6, 3, 19, 0));  // 7 h ahead: inside the 24 h window
  grpc::ClientContext ctx;
  v1::CancelAppointmentRequest cancel;
  cancel.set_name(a.name());
  cancel.set_reason("sick");
  v1::Appointment cancelled;
  ASSERT_TRUE(server_->appointments().CancelAppointment(&ctx, cancel, &cancelled).ok());
  EXPECT_TRUE(cancelled.invoice().empty()) << "no fee: a session is forfeited instead";
  v1::Package package = GetPackage(sold.package().name());
  EXPECT_EQ(package.sessions_used(), 1);
  ASSERT_EQ(package.uses_size(), 1);
  EXPECT_EQ(package.uses(0).reason(), v1::PackageUse::LATE_CANCEL);
  EXPECT_EQ(package.uses(0).appointment(), a.name());
}

TEST_P(PrepaidTest, AccountCreditPaysAndNeverGoesNegative) {
  auto add = [&](v1::BillingService::Stub& stub, const std::string& amount, const std::string& id,
                 v1::CreditBalance* out) {
    grpc::ClientContext ctx;
    v1::AddAccountCreditRequest req;
    req.set_client(kClient1);
    req.mutable_amount()->set_currency_code("USD");
    req.mutable_amount()->set_decimal_amount(amount);
    req.set_reason("goodwill");
    req.set_request_id(id);
    return stub.AddAccountCredit(&ctx, req, out);
  };
  v1::CreditBalance balance;
  ExpectError(add(*BillingAs(KeyFor(v1::FRONT_DESK)), "50", "c1", &balance),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  ASSERT_TRUE(add(billing(), "50.00", "c1", &balance).ok());
  ASSERT_TRUE(add(billing(), "50.00", "c1", &balance).ok()) << "a retry";
  EXPECT_EQ(Minor(balance.balance()), 5000) << "added once";
  EXPECT_EQ(balance.name(), std::string(kClient1) + "/creditBalances/usd");

  auto pay = [&](const std::string& invoice, int64_t amount, const std::string& id,
                 v1::BillingService::Stub& stub, v1::Payment* out) {
    grpc::ClientContext ctx;
    v1::CreatePaymentRequest req;
    req.set_parent(invoice);
    req.set_request_id(id);
    req.mutable_payment()->set_method(v1::Payment::ACCOUNT_CREDIT);
    req.mutable_payment()->mutable_amount()->set_amount_minor(amount);
    return stub.CreatePayment(&ctx, req, out);
  };
  std::vector<std::string> invoices;
  for (int i = 0; i < 6; ++i) {
    invoices.push_back(
        CreateInvoice("lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 5000 } }").name());
  }
  v1::Payment first;
  ASSERT_TRUE(pay(invoices[0], 3000, "p0", billing(), &first).ok());
  // 20.00 left; five concurrent payments of 10.00: two fit.
  std::vector<grpc::Status> statuses(5);
  RunConcurrently(5, [&](int i) {
    auto stub = BillingAs(server_->owner_key());
    v1::Payment out;
    statuses[i] = pay(invoices[i + 1], 1000, "p" + std::to_string(i + 1), *stub, &out);
  });
  int ok = 0;
  for (const auto& s : statuses) {
    if (s.ok()) {
      ++ok;
    } else {
      EXPECT_EQ(ReasonOf(s), "ACCOUNT_CREDIT_INSUFFICIENT") << s.error_message();
    }
  }
  EXPECT_EQ(ok, 2);
  // A refund of a credit payment goes back on account.
  grpc::ClientContext ctx;
  v1::RefundPaymentRequest refund;
  refund.set_name(first.name());
  refund.mutable_amount()->set_amount_minor(700);
  refund.set_reason("oil returned");
  refund.set_request_id("r");
  v1::Payment refunded;
  ASSERT_TRUE(billing().RefundPayment(&ctx, refund, &refunded).ok());
  grpc::ClientContext ctx2;
  v1::GetCreditBalanceRequest get;
  get.set_name(balance.name());
  ASSERT_TRUE(billing().GetCreditBalance(&ctx2, get, &balance).ok());
  EXPECT_EQ(Minor(balance.balance()), 700);
  EXPECT_EQ(balance.entries_size(), 1 + 1 + 2 + 1) << "added, paid, paid twice, refunded";
}

TEST_P(PrepaidTest, ClientExportIncludesBillingRecords) {
  v1::SellPackageResponse sold = SellPackage(2, "180.00");
  v1::Payment payment;
  ASSERT_TRUE(Pay(sold.invoice().name(), 18000, "buy", &payment).ok());
  v1::Invoice london = CreateInvoice(
      "lines { type: PRODUCT description: 'Oil' unit_price { amount_minor: 1500 } }", kLondon);
  grpc::ClientContext ctx;
  v1::ExportClientDataRequest req;
  req.set_name(kClient1);
  v1::ExportClientDataResponse response;
  grpc::Status status = server_->clients().ExportClientData(&ctx, req, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::ClientDataExport exported;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(response.json(), &exported).ok());
  std::set<std::string> invoices;
  for (const auto& i : exported.invoices()) invoices.insert(i.name());
  EXPECT_EQ(invoices, (std::set<std::string>{sold.invoice().name(), london.name()}))
      << "every location's invoices";
  ASSERT_EQ(exported.payments_size(), 1);
  EXPECT_EQ(exported.payments(0).name(), payment.name());
  ASSERT_EQ(exported.packages_size(), 1);
  EXPECT_EQ(exported.packages(0).name(), sold.package().name());
}

INSTANTIATE_TEST_SUITE_P(Engines, PrepaidTest,
                         ::testing::Values(storage::Engine::kSqlite, storage::Engine::kPostgres),
                         [](const auto& info) { return EngineName(info.param); });

}  // namespace
}  // namespace fascia::testing
