// fascia.v1.BillingService: the gRPC frame around the Ledger (ledger.h).
#include "absl/strings/str_cat.h"
#include "api/account_credit.h"
#include "api/handle.h"
#include "api/ledger.h"
#include "api/memberships.h"
#include "api/resource_names.h"
#include "api/prepaid.h"
#include "api/revenue_report.h"
#include "api/staff_report.h"
#include "api/reply.h"
#include "api/services.h"
#include "api/superbill.h"
#include "fascia/v1/billing_service.grpc.pb.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

std::string Method(absl::string_view name) { return absl::StrCat("fascia.v1.BillingService/", name); }

class BillingServiceImpl final : public v1::BillingService::Service {
 public:
  explicit BillingServiceImpl(const ApiContext& ctx)
      : ctx_(ctx), ledger_(ctx_), prepaid_(ctx_), superbills_(ctx_), memberships_(ctx_), credit_(ctx_) {}

  grpc::Status CreateInvoice(grpc::ServerContext* context, const v1::CreateInvoiceRequest* r,
                             v1::Invoice* out) override {
    return Handle(ctx_, context, Method("CreateInvoice"), *r,
                  [&](Caller& caller) { return Reply(ledger_.CreateInvoice(caller, *r), out); });
  }

  grpc::Status GetInvoice(grpc::ServerContext* context, const v1::GetInvoiceRequest* r,
                          v1::Invoice* out) override {
    return Handle(ctx_, context, Method("GetInvoice"), *r,
                  [&](Caller& caller) { return Reply(ledger_.GetInvoice(caller, r->name()), out); });
  }

  grpc::Status ListInvoices(grpc::ServerContext* context, const v1::ListInvoicesRequest* r,
                            v1::ListInvoicesResponse* out) override {
    return Handle(ctx_, context, Method("ListInvoices"), *r, [&](Caller& caller) {
      return ReplyPage(ledger_.ListInvoices(caller, *r), out->mutable_invoices(), out);
    });
  }

  grpc::Status UpdateInvoice(grpc::ServerContext* context, const v1::UpdateInvoiceRequest* r,
                             v1::Invoice* out) override {
    return Handle(ctx_, context, Method("UpdateInvoice"), *r,
                  [&](Caller& caller) { return Reply(ledger_.UpdateInvoice(caller, *r), out); });
  }

  grpc::Status IssueInvoice(grpc::ServerContext* context, const v1::IssueInvoiceRequest* r,
                            v1::Invoice* out) override {
    return Handle(ctx_, context, Method("IssueInvoice"), *r,
                  [&](Caller& caller) { return Reply(ledger_.IssueInvoice(caller, *r), out); });
  }

  grpc::Status VoidInvoice(grpc::ServerContext* context, const v1::VoidInvoiceRequest* r,
                           v1::Invoice* out) override {
    return Handle(ctx_, context, Method("VoidInvoice"), *r, [&](Caller& caller) {
      return Reply(ledger_.VoidInvoice(caller, r->name(), r->reason(), r->etag(), false), out);
    });
  }

  grpc::Status WaiveFee(grpc::ServerContext* context, const v1::WaiveFeeRequest* r,
                        v1::Invoice* out) override {
    return Handle(ctx_, context, Method("WaiveFee"), *r, [&](Caller& caller) {
      return Reply(ledger_.VoidInvoice(caller, r->name(), r->reason(), "", true), out);
    });
  }

  grpc::Status SplitBalance(grpc::ServerContext* context, const v1::SplitBalanceRequest* r,
                            v1::SplitBalanceResponse* out) override {
    return Handle(ctx_, context, Method("SplitBalance"), *r,
                  [&](Caller& caller) { return Reply(ledger_.SplitBalance(caller, *r), out); });
  }

  grpc::Status CreatePayment(grpc::ServerContext* context, const v1::CreatePaymentRequest* r,
                             v1::Payment* out) override {
    return Handle(ctx_, context, Method("CreatePayment"), *r,
                  [&](Caller& caller) { return Reply(ledger_.CreatePayment(caller, *r), out); });
  }

  grpc::Status GetPayment(grpc::ServerContext* context, const v1::GetPaymentRequest* r,
                          v1::Payment* out) override {
    return Handle(ctx_, context, Method("GetPayment"), *r,
                  [&](Caller& caller) { return Reply(ledger_.GetPayment(caller, r->name()), out); });
  }

  grpc::Status ListPayments(grpc::ServerContext* context, const v1::ListPaymentsRequest* r,
                            v1::ListPaymentsResponse* out) override {
    return Handle(ctx_, context, Method("ListPayments"), *r, [&](Caller& caller) {
      return ReplyPage(ledger_.ListPayments(caller, *r), out->mutable_payments(), out);
    });
  }

  grpc::Status RefundPayment(grpc::ServerContext* context, const v1::RefundPaymentRequest* r,
                             v1::Payment* out) override {
    return Handle(ctx_, context, Method("RefundPayment"), *r,
                  [&](Caller& caller) { return Reply(ledger_.RefundPayment(caller, *r), out); });
  }

  grpc::Status IssueGiftCard(grpc::ServerContext* context, const v1::IssueGiftCardRequest* r,
                             v1::IssueGiftCardResponse* out) override {
    return Handle(ctx_, context, Method("IssueGiftCard"), *r,
                  [&](Caller& caller) { return Reply(prepaid_.IssueGiftCard(caller, *r), out); });
  }

  grpc::Status GetGiftCard(grpc::ServerContext* context, const v1::GetGiftCardRequest* r,
                           v1::GiftCard* out) override {
    return Handle(ctx_, context, Method("GetGiftCard"), *r,
                  [&](Caller& caller) { return Reply(prepaid_.GetGiftCard(caller, r->name()), out); });
  }

  grpc::Status LookupGiftCard(grpc::ServerContext* context, const v1::LookupGiftCardRequest* r,
                              v1::GiftCard* out) override {
    return Handle(ctx_, context, Method("LookupGiftCard"), *r,
                  [&](Caller& caller) { return Reply(prepaid_.LookupGiftCard(caller, *r), out); });
  }

  grpc::Status SellPackage(grpc::ServerContext* context, const v1::SellPackageRequest* r,
                           v1::SellPackageResponse* out) override {
    return Handle(ctx_, context, Method("SellPackage"), *r,
                  [&](Caller& caller) { return Reply(prepaid_.SellPackage(caller, *r), out); });
  }

  grpc::Status GetPackage(grpc::ServerContext* context, const v1::GetPackageRequest* r,
                          v1::Package* out) override {
    return Handle(ctx_, context, Method("GetPackage"), *r,
                  [&](Caller& caller) { return Reply(prepaid_.GetPackage(caller, r->name()), out); });
  }

  grpc::Status ListPackages(grpc::ServerContext* context, const v1::ListPackagesRequest* r,
                            v1::ListPackagesResponse* out) override {
    return Handle(ctx_, context, Method("ListPackages"), *r, [&](Caller& caller) {
      return ReplyPage(prepaid_.ListPackages(caller, *r), out->mutable_packages(), out);
    });
  }

  grpc::Status GetStaffReport(grpc::ServerContext* context, const v1::GetStaffReportRequest* r,
                              v1::StaffReport* out) override {
    return Handle(ctx_, context, Method("GetStaffReport"), *r, [&](Caller& caller) {
      return Reply(StaffReportFor(caller, *ctx_.db, *r), out);
    });
  }

  grpc::Status GetRevenueReport(grpc::ServerContext* context, const v1::GetRevenueReportRequest* r,
                                v1::RevenueReport* out) override {
    return Handle(ctx_, context, Method("GetRevenueReport"), *r, [&](Caller& caller) {
      return Reply(RevenueReportFor(caller, *ctx_.db, *r), out);
    });
  }

  grpc::Status GetSuperbill(grpc::ServerContext* context, const v1::GetSuperbillRequest* r,
                            v1::Superbill* out) override {
    return Handle(ctx_, context, Method("GetSuperbill"), *r,
                  [&](Caller& caller) { return Reply(superbills_.Get(caller, *r), out); });
  }

  grpc::Status AddAccountCredit(grpc::ServerContext* context, const v1::AddAccountCreditRequest* r,
                                v1::CreditBalance* out) override {
    return Handle(ctx_, context, Method("AddAccountCredit"), *r,
                  [&](Caller& caller) { return Reply(credit_.Add(caller, *r), out); });
  }

  grpc::Status GetCreditBalance(grpc::ServerContext* context, const v1::GetCreditBalanceRequest* r,
                                v1::CreditBalance* out) override {
    return Handle(ctx_, context, Method("GetCreditBalance"), *r,
                  [&](Caller& caller) { return Reply(credit_.Get(caller, r->name()), out); });
  }

  grpc::Status CreateMembershipPlan(grpc::ServerContext* context,
                                    const v1::CreateMembershipPlanRequest* r,
                                    v1::MembershipPlan* out) override {
    return Handle(ctx_, context, Method("CreateMembershipPlan"), *r, [&](Caller& caller) {
      return Reply(memberships_.plans().Create(caller, r->parent(), r->membership_plan(),
                                               r->membership_plan_id(), r->request_id()),
                   out);
    });
  }

  grpc::Status GetMembershipPlan(grpc::ServerContext* context, const v1::GetMembershipPlanRequest* r,
                                 v1::MembershipPlan* out) override {
    return Handle(ctx_, context, Method("GetMembershipPlan"), *r, [&](Caller& caller) {
      return Reply(memberships_.plans().Get(caller, r->name()), out);
    });
  }

  grpc::Status ListMembershipPlans(grpc::ServerContext* context,
                                   const v1::ListMembershipPlansRequest* r,
                                   v1::ListMembershipPlansResponse* out) override {
    return Handle(ctx_, context, Method("ListMembershipPlans"), *r, [&](Caller& caller) {
      return ReplyPage(memberships_.plans().List(caller, r->parent(), r->page_size(), r->page_token(), "",
                                                 false),
                       out->mutable_membership_plans(), out);
    });
  }

  grpc::Status UpdateMembershipPlan(grpc::ServerContext* context,
                                    const v1::UpdateMembershipPlanRequest* r,
                                    v1::MembershipPlan* out) override {
    return Handle(ctx_, context, Method("UpdateMembershipPlan"), *r, [&](Caller& caller) {
      return Reply(memberships_.plans().Update(caller, r->membership_plan(), r->update_mask()), out);
    });
  }

  grpc::Status CreateMembership(grpc::ServerContext* context, const v1::CreateMembershipRequest* r,
                                v1::Membership* out) override {
    return Handle(ctx_, context, Method("CreateMembership"), *r, [&](Caller& caller) {
      caller.SetClient(r->parent());
      return Reply(memberships_.memberships().Create(caller, r->parent(), r->membership(), "",
                                                     r->request_id()),
                   out);
    });
  }

  grpc::Status GetMembership(grpc::ServerContext* context, const v1::GetMembershipRequest* r,
                             v1::Membership* out) override {
    return Handle(ctx_, context, Method("GetMembership"), *r, [&](Caller& caller) {
      caller.SetClient(NamePrefix(r->name(), 4));
      return Reply(memberships_.memberships().Get(caller, r->name()), out);
    });
  }

  grpc::Status ListMemberships(grpc::ServerContext* context, const v1::ListMembershipsRequest* r,
                               v1::ListMembershipsResponse* out) override {
    return Handle(ctx_, context, Method("ListMemberships"), *r, [&](Caller& caller) {
      caller.SetClient(r->parent());
      return ReplyPage(memberships_.memberships().List(caller, r->parent(), r->page_size(),
                                                       r->page_token(), "", false),
                       out->mutable_memberships(), out);
    });
  }

  grpc::Status CancelMembership(grpc::ServerContext* context, const v1::CancelMembershipRequest* r,
                                v1::Membership* out) override {
    return Handle(ctx_, context, Method("CancelMembership"), *r,
                  [&](Caller& caller) { return Reply(memberships_.Cancel(caller, *r), out); });
  }

  grpc::Status RunMembershipBilling(grpc::ServerContext* context,
                                    const v1::RunMembershipBillingRequest* r,
                                    v1::RunMembershipBillingResponse* out) override {
    return Handle(ctx_, context, Method("RunMembershipBilling"), *r,
                  [&](Caller& caller) { return Reply(memberships_.RunBilling(caller, *r), out); });
  }

 private:
  ApiContext ctx_;
  Ledger ledger_;
  Prepaid prepaid_;
  Superbills superbills_;
  Memberships memberships_;
  AccountCredit credit_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewBillingService(const ApiContext& ctx) {
  return std::make_unique<BillingServiceImpl>(ctx);
}

}  // namespace fascia::api
