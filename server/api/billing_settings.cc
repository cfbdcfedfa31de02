// A location's billing settings; see billing_settings.h.
#include "api/billing_settings.h"

#include <set>

#include <google/protobuf/util/message_differencer.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "api/money_fields.h"
#include "api/schedule_convert.h"
#include "domain/billing/allocation.h"
#include "domain/billing/money.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

constexpr int kMaxTaxRates = 20;
constexpr absl::Duration kMaxCancellationWindow = absl::Hours(24 * 30);

bool IsTaxCode(const std::string& code) {
  if (code.empty() || code.size() > 32) return false;
  for (char ch : code) {
    if (!absl::ascii_isupper(ch) && !absl::ascii_isdigit(ch) && ch != '-') return false;
  }
  return true;
}

void ValidateTaxRate(const v1::TaxRate& rate, const std::string& field, FieldViolations& v) {
  if (!IsTaxCode(rate.code())) v.Add(field + ".code", "must be 1-32 of A-Z, 0-9 and '-'");
  CheckText(rate.display_name(), kMaxShortText, field + ".display_name", v);
  if (rate.rate_ppm() < 0 || rate.rate_ppm() > billing::kPpm) {
    v.Add(field + ".rate_ppm", "must be 0..1000000 (parts per million: 8.875% is 88750)");
  }
  if (rate.applies_to().empty()) v.Add(field + ".applies_to", "must list SERVICE, PRODUCT and/or FEE");
  std::set<int> seen;
  for (int j = 0; j < rate.applies_to_size(); ++j) {
    int type = rate.applies_to(j);
    std::string f = absl::StrCat(field, ".applies_to[", j, "]");
    if (type != v1::InvoiceLine::SERVICE && type != v1::InvoiceLine::PRODUCT &&
        type != v1::InvoiceLine::FEE) {
      v.Add(f, "must be SERVICE, PRODUCT or FEE (tips and discounts are never taxed)");
    } else if (!seen.insert(type).second) {
      v.Add(f, "is listed twice");
    }
  }
}

void ValidateFee(const v1::FeeRule& fee, const std::string& currency, const std::string& field,
                 FieldViolations& v) {
  if (fee.percent_basis_points() < 0 || fee.percent_basis_points() > billing::kBasisPoints) {
    v.Add(field + ".percent_basis_points", "must be 0..10000 (5000 = 50%)");
  }
  if (fee.has_fixed_amount()) {
    if (fee.percent_basis_points() != 0) {
      v.Add(field, "set fixed_amount or percent_basis_points, not both");
    }
    if (!currency.empty()) {
      ReadMoney(fee.fixed_amount(), currency, field + ".fixed_amount", MoneyRange::kNonNegative, v);
    }
  }
}

}  // namespace

void ValidateBillingSettings(const v1::Location& l, FieldViolations& v) {
  if (l.tax_rates_size() > kMaxTaxRates) v.Add("location.tax_rates", "has more than 20 rates");
  std::set<std::string> codes;
  for (int i = 0; i < l.tax_rates_size(); ++i) {
    std::string field = absl::StrCat("location.tax_rates[", i, "]");
    ValidateTaxRate(l.tax_rates(i), field, v);
    if (!codes.insert(l.tax_rates(i).code()).second) v.Add(field + ".code", "is listed twice");
  }
  const auto& policy = l.cancellation_policy();
  CheckDuration(policy.window(), kMaxCancellationWindow, "location.cancellation_policy.window", v);
  const std::string currency =
      billing::MinorUnitDigits(l.currency_code()) ? l.currency_code() : std::string();
  ValidateFee(policy.late_cancel_fee(), currency, "location.cancellation_policy.late_cancel_fee", v);
  ValidateFee(policy.no_show_fee(), currency, "location.cancellation_policy.no_show_fee", v);
}

namespace {

void CanonicalFee(const std::string& currency, v1::FeeRule& fee) {
  if (!fee.has_fixed_amount()) return;
  FieldViolations ignored;  // validated before
  int64_t minor = ReadMoney(fee.fixed_amount(), currency, "fee", MoneyRange::kNonNegative, ignored)
                      .value_or(0);
  *fee.mutable_fixed_amount() = ToMoney(minor, currency);
}

}  // namespace

void PrepareBillingSettings(const v1::Location* before, v1::Location& after) {
  v1::CancellationPolicy* policy = after.mutable_cancellation_policy();
  CanonicalFee(after.currency_code(), *policy->mutable_late_cancel_fee());
  CanonicalFee(after.currency_code(), *policy->mutable_no_show_fee());
  if (before == nullptr) {
    policy->set_version(1);
    return;
  }
  const int64_t previous = std::max<int64_t>(1, before->cancellation_policy().version());
  v1::CancellationPolicy old = before->cancellation_policy();
  old.clear_version();
  policy->clear_version();
  const bool same = google::protobuf::util::MessageDifferencer::Equals(old, *policy);
  policy->set_version(same ? previous : previous + 1);
}

billing::LineType ToDomainLineType(v1::InvoiceLine::Type type) {
  switch (type) {
    case v1::InvoiceLine::PRODUCT: return billing::LineType::kProduct;
    case v1::InvoiceLine::FEE: return billing::LineType::kFee;
    case v1::InvoiceLine::TIP: return billing::LineType::kTip;
    case v1::InvoiceLine::DISCOUNT: return billing::LineType::kDiscount;
    case v1::InvoiceLine::GIFT_CARD:
    case v1::InvoiceLine::PACKAGE: return billing::LineType::kPrepaid;
    default: return billing::LineType::kService;
  }
}

std::vector<billing::TaxRate> ToDomainRates(
    const google::protobuf::RepeatedPtrField<v1::TaxRate>& rates) {
  std::vector<billing::TaxRate> out;
  for (const auto& r : rates) {
    billing::TaxRate rate;
    rate.code = r.code();
    rate.rate_ppm = r.rate_ppm();
    for (int type : r.applies_to()) {
      rate.applies_to.insert(ToDomainLineType(static_cast<v1::InvoiceLine::Type>(type)));
    }
    out.push_back(std::move(rate));
  }
  return out;
}

billing::FeeRule ToDomainFee(const v1::FeeRule& fee) {
  billing::FeeRule rule;
  if (fee.has_fixed_amount()) rule.fixed_minor = fee.fixed_amount().amount_minor();
  rule.basis_points = fee.percent_basis_points();
  return rule;
}

}  // namespace fascia::api
