// Membership plans, memberships and the monthly billing run; see memberships.h.
#include "api/memberships.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "api/invoice_store.h"
#include "api/money_fields.h"
#include "api/prepaid.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "api/stored_document.h"
#include "api/target.h"
#include "domain/billing/allocation.h"
#include "domain/billing/money.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

constexpr char kPlanPattern[] = "organizations/*/membershipPlans/*";
constexpr char kMembershipPattern[] = "organizations/*/clients/*/memberships/*";

const storage::ResourceRepository& MembershipRows() {
  static const auto* repo = new storage::ResourceRepository("membership");
  return *repo;
}

void ValidatePlan(const v1::MembershipPlan& p, FieldViolations& v) {
  if (CheckRequired(p.display_name(), "membership_plan.display_name", v)) {
    CheckText(p.display_name(), kMaxShortText, "membership_plan.display_name", v);
  }
  if (p.services().empty() || p.services_size() > 20) {
    v.Add("membership_plan.services", "must list 1 to 20 services");
  }
  for (int i = 0; i < p.services_size(); ++i) {
    CheckName(p.services(i), kServicePattern, absl::StrCat("membership_plan.services[", i, "]"), v);
  }
  if (p.included_sessions() < 1 || p.included_sessions() > 31) {
    v.Add("membership_plan.included_sessions", "must be 1..31 a month");
  }
  const std::string& currency = p.monthly_price().currency_code();
  if (CheckCurrency(currency, "membership_plan.monthly_price.currency_code", v)) {
    ReadMoney(p.monthly_price(), currency, "membership_plan.monthly_price", MoneyRange::kPositive, v);
  }
  if (p.member_discount_basis_points() < 0 || p.member_discount_basis_points() > billing::kBasisPoints) {
    v.Add("membership_plan.member_discount_basis_points", "must be 0..10000 (1000 = 10%)");
  }
}

ResourceType<v1::MembershipPlan> PlanType() {
  ResourceType<v1::MembershipPlan> t;
  t.kind = "membership_plan";
  t.pattern = kPlanPattern;
  t.parent_kind = "organization";
  t.parent_pattern = kOrganizationPattern;
  t.collection = "membershipPlans";
  t.field = "membership_plan";
  t.validate = ValidatePlan;
  t.check_references = [](storage::Connection& c, const v1::MembershipPlan& p) -> absl::Status {
    for (int i = 0; i < p.services_size(); ++i) {
      RETURN_IF_ERROR(CheckReference(c, "service", p.services(i),
                                     absl::StrCat("membership_plan.services[", i, "]")));
    }
    return absl::OkStatus();
  };
  t.prepare_write = [](const v1::MembershipPlan*, v1::MembershipPlan& p) {
    FieldViolations ignored;  // validated before
    const std::string currency = p.monthly_price().currency_code();
    *p.mutable_monthly_price() = ToMoney(
        ReadMoney(p.monthly_price(), currency, "", MoneyRange::kPositive, ignored).value_or(0), currency);
  };
  return t;
}

void ValidateMembership(const v1::Membership& m, FieldViolations& v) {
  if (CheckRequired(m.plan(), "membership.plan", v)) CheckName(m.plan(), kPlanPattern, "membership.plan", v);
  if (CheckRequired(m.location(), "membership.location", v)) {
    CheckName(m.location(), kLocationPattern, "membership.location", v);
  }
  if (!m.has_start_date()) {
    v.Add("membership.start_date", "is required");
  } else {
    CheckDate(m.start_date(), "membership.start_date", v);
  }
}

ResourceType<v1::Membership> MembershipType() {
  ResourceType<v1::Membership> t;
  t.kind = "membership";
  t.pattern = kMembershipPattern;
  t.parent_kind = "client";
  t.parent_pattern = kClientPattern;
  t.collection = "memberships";
  t.field = "membership";
  t.validate = ValidateMembership;
  t.output_only = {"state", "periods", "cancel_time", "cancel_reason"};
  t.lookup_key = [](const v1::Membership& m) { return m.location(); };
  t.check_references = [](storage::Connection& c, const v1::Membership& m) -> absl::Status {
    ASSIGN_OR_RETURN(auto plan, LoadReferenced<v1::MembershipPlan>(c, "membership_plan", m.plan(),
                                                                   "membership.plan"));
    ASSIGN_OR_RETURN(auto location,
                     LoadReferenced<v1::Location>(c, "location", m.location(), "membership.location"));
    if (plan.monthly_price().currency_code() != location.currency_code()) {
      FieldViolations v;
      v.Add("membership.location", absl::StrCat("bills in ", location.currency_code(), ", the plan in ",
                                                plan.monthly_price().currency_code()));
      return v.ToStatus();
    }
    return absl::OkStatus();
  };
  t.prepare_write = [](const v1::Membership* before, v1::Membership& m) {
    if (before == nullptr) m.set_state(v1::Membership::ACTIVE);
  };
  return t;
}

bool Billed(const v1::Membership& m, int year, int month) {
  return std::any_of(m.periods().begin(), m.periods().end(), [&](const v1::MembershipPeriod& p) {
    return p.year() == year && p.month() == month;
  });
}

// Bills one membership for one month, in its own transaction; returns the
// invoice, or "" when the month was billed already (or it is not due).
absl::StatusOr<std::string> BillMonth(storage::Connection& c, const std::string& name,
                                      const v1::Location& location, int year, int month,
                                      absl::Time now) {
  ASSIGN_OR_RETURN(auto row, MembershipRows().Get(c, name));
  if (!row) return std::string();
  ASSIGN_OR_RETURN(v1::Membership m, DecodeStored<v1::Membership>(*row, "membership"));
  const bool started = m.start_date().year() * 12 + m.start_date().month() <= year * 12 + month;
  if (m.state() != v1::Membership::ACTIVE || !started || Billed(m, year, month)) return std::string();
  ASSIGN_OR_RETURN(auto plan, LoadReferenced<v1::MembershipPlan>(c, "membership_plan", m.plan(), "plan"));
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(location.time_zone(), &zone)) return absl::InternalError("bad time zone");
  const absl::CivilMonth next = absl::CivilMonth(year, month) + 1;
  v1::Package package;
  package.set_display_name(absl::StrFormat("%s %04d-%02d", plan.display_name(), year, month));
  *package.mutable_services() = plan.services();
  package.set_sessions(plan.included_sessions());
  *package.mutable_price() = plan.monthly_price();
  *package.mutable_expire_time() = ToTimestamp(absl::FromCivil(absl::CivilSecond(next), zone));
  v1::Invoice invoice;
  const std::string client = NamePrefix(name, 4);
  const std::string request_id =
      absl::StrFormat("membership-%s-%04d-%02d", name.substr(name.rfind('/') + 1), year, month);
  RETURN_IF_ERROR(SellPackageIn(c, location, client, request_id, now, package, invoice));
  v1::MembershipPeriod* period = m.add_periods();
  period->set_year(year);
  period->set_month(month);
  period->set_invoice(invoice.name());
  period->set_package(package.name());
  RETURN_IF_ERROR(SaveStored(c, MembershipRows(), *row, m, now));
  return invoice.name();
}

}  // namespace

Memberships::Memberships(const ApiContext& ctx)
    : db_(*ctx.db),
      clock_(ctx.clock),
      plans_(*ctx.db, PlanType(), ctx.clock),
      memberships_(*ctx.db, MembershipType(), ctx.clock) {}

absl::StatusOr<v1::Membership> Memberships::Cancel(Caller& caller, const v1::CancelMembershipRequest& r) {
  FieldViolations v;
  CheckName(r.name(), kMembershipPattern, "name", v);
  if (CheckRequired(r.reason(), "reason", v)) CheckText(r.reason(), kMaxShortText, "reason", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.name()), r.name()));
  caller.SetClient(NamePrefix(r.name(), 4));
  const absl::Time now = clock_();
  v1::Membership result;
  RETURN_IF_ERROR(WriteWithRetry(db_, [&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(auto row, MembershipRows().Get(c, r.name()));
    if (!row) return NotFound("membership", r.name());
    ASSIGN_OR_RETURN(result, DecodeStored<v1::Membership>(*row, "membership"));
    if (result.state() == v1::Membership::CANCELLED) return absl::OkStatus();  // a retry
    result.set_state(v1::Membership::CANCELLED);
    *result.mutable_cancel_time() = ToTimestamp(now);
    result.set_cancel_reason(r.reason());
    RETURN_IF_ERROR(SaveStored(c, MembershipRows(), *row, result, now));
    result.set_etag(std::to_string(row->revision + 1));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::RunMembershipBillingResponse> Memberships::RunBilling(
    Caller& caller, const v1::RunMembershipBillingRequest& r) {
  FieldViolations v;
  CheckName(r.location(), kLocationPattern, "location", v);
  if (r.year() < 2000 || r.year() > 9999) v.Add("year", "must be 2000..9999");
  if (r.month() < 1 || r.month() > 12) v.Add("month", "must be 1..12");
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.location()), r.location()));
  const absl::Time now = clock_();
  v1::Location location;
  std::vector<std::string> names;
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(location, LoadReferenced<v1::Location>(c, "location", r.location(), "location"));
    ASSIGN_OR_RETURN(auto rows, MembershipRows().FindEverywhereByLookupKey(c, r.location()));
    names.clear();
    for (const auto& row : rows) names.push_back(row.name);
    return absl::OkStatus();
  }));
  v1::RunMembershipBillingResponse response;
  // One transaction per membership: one member's failure bills nobody else
  // twice or not at all; a rerun picks up where this one stopped.
  for (const std::string& name : names) {
    std::string invoice;
    RETURN_IF_ERROR(WriteWithRetry(db_, [&](storage::Connection& c) -> absl::Status {
      ASSIGN_OR_RETURN(invoice, BillMonth(c, name, location, r.year(), r.month(), now));
      return absl::OkStatus();
    }));
    if (invoice.empty()) {
      response.set_skipped(response.skipped() + 1);
    } else {
      *response.add_invoices() = invoice;
    }
  }
  return response;
}

absl::Status ApplyMemberPrice(storage::Connection& c, const v1::Appointment& appointment,
                              v1::Invoice& invoice) {
  ASSIGN_OR_RETURN(auto rows, MembershipRows().List(c, appointment.client(), "", 100, false));
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(v1::Membership m, DecodeStored<v1::Membership>(row, "membership"));
    if (m.state() != v1::Membership::ACTIVE) continue;
    ASSIGN_OR_RETURN(auto plan_row, storage::ResourceRepository("membership_plan").Get(c, m.plan()));
    v1::MembershipPlan plan;
    if (!plan_row || !plan.ParseFromString(plan_row->data)) continue;
    const bool covers = std::find(plan.services().begin(), plan.services().end(),
                                  appointment.service()) != plan.services().end();
    if (!covers || plan.member_discount_basis_points() == 0) continue;
    v1::InvoiceLine* line = invoice.add_lines();
    line->set_id("member");
    line->set_type(v1::InvoiceLine::DISCOUNT);
    line->set_description(absl::StrCat("Member price: ", plan.display_name()));
    line->set_quantity(1);
    line->set_discount_basis_points(plan.member_discount_basis_points());
    line->set_discount_target("1");
    return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace fascia::api
