// Money as integer minor units of an ISO 4217 currency, and the one place
// that knows how many minor units each currency has (JPY none, USD two, KWD
// three). Never floating point: decimal text from the API is parsed digit by
// digit, and arithmetic is checked for overflow.
//
//   ASSIGN_OR_RETURN(int digits, MinorUnitDigits("USD"));          // 2
//   ASSIGN_OR_RETURN(int64_t cents, ParseDecimalAmount("12.5", 2)); // 1250
//   FormatDecimalAmount(1250, 2);                                  // "12.50"
//   ParseDecimalAmount("1.5", 0);  // InvalidArgument: JPY has no minor units
//
// Thread-safety: pure functions.
#ifndef FASCIA_DOMAIN_BILLING_MONEY_H_
#define FASCIA_DOMAIN_BILLING_MONEY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace fascia::billing {

// Largest amount Fascia accepts anywhere in billing, in minor units: sums of
// many such amounts (and their products with tax rates) stay far from
// int64 overflow. 10^15 minor units is ten trillion dollars.
inline constexpr int64_t kMaxAmountMinor = 1'000'000'000'000'000;

// The ISO 4217 minor-unit digits of an active currency code ("USD" -> 2,
// "JPY" -> 0, "KWD" -> 3); nullopt for a code that is not one.
std::optional<int> MinorUnitDigits(std::string_view currency_code);

// Parses a plain decimal ("12", "12.5", "-0.05", "0.500") into minor units
// of a currency with `digits` minor-unit digits. Fraction digits beyond
// `digits` are accepted only when they are zeros ("12.500" for USD);
// otherwise InvalidArgument saying the currency has no such fraction (this
// is how "JPY 1.5" is refused). Rejects empty text, signs other than one
// leading '-', exponents, spaces, separators, and any magnitude above
// kMaxAmountMinor. REQUIRES: 0 <= digits <= 4.
absl::StatusOr<int64_t> ParseDecimalAmount(std::string_view text, int digits);

// The decimal text of `minor` units with exactly `digits` fraction digits:
// (1250, 2) -> "12.50", (-5, 2) -> "-0.05", (100, 0) -> "100".
// REQUIRES: 0 <= digits <= 4.
std::string FormatDecimalAmount(int64_t minor, int digits);

// a + b, or nullopt when the result would leave [-kMaxAmountMinor,
// kMaxAmountMinor]. Use for every sum of amounts from outside.
std::optional<int64_t> AddAmounts(int64_t a, int64_t b);

// a * n for a quantity n >= 0, or nullopt outside [-kMaxAmountMinor,
// kMaxAmountMinor].
std::optional<int64_t> MultiplyAmount(int64_t a, int64_t n);

}  // namespace fascia::billing

#endif  // FASCIA_DOMAIN_BILLING_MONEY_H_
