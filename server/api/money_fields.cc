// Money fields of billing requests and responses; see money_fields.h.
#include "api/money_fields.h"

#include "absl/strings/str_cat.h"
#include "domain/billing/money.h"

namespace fascia::api {

std::optional<int64_t> ReadMoney(const fascia::v1::Money& money, absl::string_view currency,
                                 const std::string& field, MoneyRange range, FieldViolations& v) {
  if (!money.currency_code().empty() && money.currency_code() != currency) {
    v.Add(field + ".currency_code", absl::StrCat("must be the location's currency, ", currency));
    return std::nullopt;
  }
  const int digits = billing::MinorUnitDigits(std::string(currency)).value_or(2);
  int64_t minor = money.amount_minor();
  if (!money.decimal_amount().empty()) {
    absl::StatusOr<int64_t> parsed =
        billing::ParseDecimalAmount(std::string(money.decimal_amount()), digits);
    if (!parsed.ok()) {
      v.Add(field + ".decimal_amount", std::string(parsed.status().message()));
      return std::nullopt;
    }
    // Both fields are allowed when they agree, so a response can be sent
    // back as it was read (read, modify, update).
    if (money.amount_minor() != 0 && money.amount_minor() != *parsed) {
      v.Add(field, "amount_minor and decimal_amount disagree: set one of them");
      return std::nullopt;
    }
    minor = *parsed;
  }
  if (minor > billing::kMaxAmountMinor || minor < -billing::kMaxAmountMinor) {
    v.Add(field, "is too large");
    return std::nullopt;
  }
  if (range == MoneyRange::kPositive && minor <= 0) {
    v.Add(field, "must be more than zero");
    return std::nullopt;
  }
  if (range == MoneyRange::kNonNegative && minor < 0) {
    v.Add(field, "must not be negative");
    return std::nullopt;
  }
  return minor;
}

fascia::v1::Money ToMoney(int64_t minor, absl::string_view currency) {
  fascia::v1::Money m;
  m.set_currency_code(std::string(currency));
  m.set_amount_minor(minor);
  m.set_decimal_amount(
      billing::FormatDecimalAmount(minor, billing::MinorUnitDigits(std::string(currency)).value_or(2)));
  return m;
}

}  // namespace fascia::api
