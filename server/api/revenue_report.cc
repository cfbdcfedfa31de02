// Revenue report from the billing journal; see revenue_report.h.
#include "api/revenue_report.h"

#include <map>
#include <tuple>

#include "api/field_checks.h"
#include "api/money_fields.h"
#include "api/resource_names.h"
#include "api/target.h"
#include "common/status_macros.h"
#include "storage/billing_repository.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

// The journal's kinds, summed per location and currency.
struct Sums {
  std::map<std::string, int64_t> period;    // kind -> sum over [start, end)
  std::map<std::string, int64_t> to_date;   // kind -> sum over everything before end
};

int64_t Get(const std::map<std::string, int64_t>& sums, const std::string& kind) {
  auto it = sums.find(kind);
  return it == sums.end() ? 0 : it->second;
}

int64_t Invoiced(const std::map<std::string, int64_t>& s) {
  return Get(s, "service") + Get(s, "product") + Get(s, "fee") - Get(s, "discount") + Get(s, "tax") +
         Get(s, "tip") + Get(s, "gift_card_sale") + Get(s, "package_sale");
}

v1::RevenueFigures Figures(const std::string& location, const std::string& currency, const Sums& s) {
  const auto& p = s.period;
  auto money = [&](int64_t minor) { return ToMoney(minor, currency); };
  const int64_t gross = Get(p, "service") + Get(p, "product") + Get(p, "fee");
  const int64_t refunds = -Get(p, "refund");  // journaled as negative amounts
  v1::RevenueFigures f;
  f.set_location(location);
  f.set_currency_code(currency);
  *f.mutable_gross() = money(gross);
  *f.mutable_discounts() = money(Get(p, "discount"));
  *f.mutable_package_revenue() = money(Get(p, "package_revenue"));
  *f.mutable_tax() = money(Get(p, "tax"));
  *f.mutable_tips() = money(Get(p, "tip"));
  *f.mutable_refunds() = money(refunds);
  *f.mutable_net() = money(gross - Get(p, "discount") + Get(p, "package_revenue") - refunds);
  *f.mutable_payments() = money(Get(p, "payment"));
  *f.mutable_prepaid_sold() = money(Get(p, "gift_card_sale") + Get(p, "package_sale"));
  const auto& t = s.to_date;
  *f.mutable_outstanding() = money(Invoiced(t) - Get(t, "payment") - Get(t, "refund"));
  *f.mutable_gift_card_liability() = money(Get(t, "gift_card_liability"));
  *f.mutable_package_liability() = money(Get(t, "package_liability"));
  return f;
}

void AddInto(v1::Money& total, const v1::Money& part) {
  total = ToMoney(total.amount_minor() + part.amount_minor(), part.currency_code());
}

void AddFigures(v1::RevenueFigures& total, const v1::RevenueFigures& f) {
  AddInto(*total.mutable_gross(), f.gross());
  AddInto(*total.mutable_discounts(), f.discounts());
  AddInto(*total.mutable_package_revenue(), f.package_revenue());
  AddInto(*total.mutable_tax(), f.tax());
  AddInto(*total.mutable_tips(), f.tips());
  AddInto(*total.mutable_refunds(), f.refunds());
  AddInto(*total.mutable_net(), f.net());
  AddInto(*total.mutable_payments(), f.payments());
  AddInto(*total.mutable_prepaid_sold(), f.prepaid_sold());
  AddInto(*total.mutable_outstanding(), f.outstanding());
  AddInto(*total.mutable_gift_card_liability(), f.gift_card_liability());
  AddInto(*total.mutable_package_liability(), f.package_liability());
}

}  // namespace

absl::StatusOr<v1::RevenueReport> RevenueReportFor(Caller& caller, storage::Database& db,
                                                   const v1::GetRevenueReportRequest& r) {
  FieldViolations v;
  CheckName(r.parent(), kLocationPattern, "parent", v, /*allow_wildcard=*/true);
  absl::Time start, end;
  if (!r.has_period()) {
    v.Add("period", "is required");
  } else {
    start = ToTime(r.period().start_time());
    end = ToTime(r.period().end_time());
    if (!r.period().has_start_time()) v.Add("period.start_time", "is required");
    if (!r.period().has_end_time()) v.Add("period.end_time", "is required");
    if (r.period().has_start_time() && r.period().has_end_time() && end <= start) {
      v.Add("period.end_time", "must be after start_time");
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.parent()), r.parent()));

  const std::string organization = NamePrefix(r.parent(), 2);
  const std::string location = TargetOf(r.parent()).location == "-" ? "" : r.parent();
  std::vector<storage::BillingSum> period, to_date;
  RETURN_IF_ERROR(db.Transact(storage::TxMode::kRead, [&](storage::Connection& c) -> absl::Status {
    storage::BillingRepository journal;
    ASSIGN_OR_RETURN(period, journal.Sum(c, organization, location, absl::ToUnixMicros(start),
                                         absl::ToUnixMicros(end)));
    ASSIGN_OR_RETURN(to_date, journal.Sum(c, organization, location, INT64_MIN,
                                          absl::ToUnixMicros(end)));
    return absl::OkStatus();
  }));

  std::map<std::pair<std::string, std::string>, Sums> by_location;  // (location, currency)
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> tips;  // (staff, location, currency)
  for (const auto& s : period) {
    by_location[{s.location, s.currency}].period[s.kind] += s.amount_minor;
    if (s.kind == "tip" && !s.staff.empty()) tips[{s.staff, s.location, s.currency}] += s.amount_minor;
  }
  for (const auto& s : to_date) by_location[{s.location, s.currency}].to_date[s.kind] += s.amount_minor;

  v1::RevenueReport report;
  std::map<std::string, v1::RevenueFigures> totals;  // currency -> sums
  for (const auto& [key, sums] : by_location) {
    v1::RevenueFigures f = Figures(key.first, key.second, sums);
    auto [it, added] = totals.try_emplace(key.second);
    if (added) it->second = Figures("", key.second, Sums());
    AddFigures(it->second, f);
    *report.add_locations() = std::move(f);
  }
  for (auto& [currency, total] : totals) *report.add_totals() = std::move(total);
  for (const auto& [key, amount] : tips) {
    v1::StaffTips* t = report.add_tips();
    t->set_staff_member(std::get<0>(key));
    t->set_location(std::get<1>(key));
    *t->mutable_tips() = ToMoney(amount, std::get<2>(key));
  }
  return report;
}

}  // namespace fascia::api
