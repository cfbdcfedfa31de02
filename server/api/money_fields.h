// Money in billing requests and responses: fascia.v1.Money <-> integer minor
// units of one currency, with the currency's minor-unit digits enforced
// (domain/billing/money.h). No floating point.
//
//   FieldViolations v;
//   std::optional<int64_t> amount =
//       ReadMoney(r.payment().amount(), "USD", "payment.amount", MoneyRange::kPositive, v);
//   RETURN_IF_ERROR(v.ToStatus());
//   *out.mutable_total() = ToMoney(totals.total_minor, "USD");
#ifndef FASCIA_API_MONEY_FIELDS_H_
#define FASCIA_API_MONEY_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "api/field_checks.h"
#include "fascia/v1/common.pb.h"

namespace fascia::api {

enum class MoneyRange {
  kPositive,     // > 0 (payments, refunds, fixed discounts)
  kNonNegative,  // >= 0 (prices)
};

// The amount of `money` in minor units of `currency`, or nullopt after adding
// a violation of `field` for: a currency_code other than `currency` (empty
// means `currency`), amount_minor and decimal_amount that disagree, decimal text
// that is malformed or has more fraction digits than the currency (JPY
// "1.5"), an amount outside `range`, or beyond billing::kMaxAmountMinor.
// REQUIRES: `currency` is a known ISO 4217 code.
std::optional<int64_t> ReadMoney(const fascia::v1::Money& money, absl::string_view currency,
                                 const std::string& field, MoneyRange range, FieldViolations& v);

// `minor` units of `currency` with both amount fields filled in.
fascia::v1::Money ToMoney(int64_t minor, absl::string_view currency);

}  // namespace fascia::api

#endif  // FASCIA_API_MONEY_FIELDS_H_
