// Currency minor units, decimal text and checked sums of amounts; see money.h.
#include "domain/billing/money.h"

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace fascia::billing {

namespace {

// The active ISO 4217 codes that name a currency (no funds such as BOV or
// CLF, no precious metals, no test code XXX), with their minor-unit digits
// as ISO publishes them. ISO's digits are what payment processors use even
// where everyday practice differs (ISO says 2 for HUF, IDR and MGA), so
// amounts read here agree with the processor's.
//
// The codes are those api/field_checks.cc accepts for a location, plus
// VED, XCG and ZWG, which ISO added since; ANG and ZWL stay because
// locations may already use them while they are being replaced.
const std::map<std::string, int, std::less<>>& CurrencyDigits() {
  static const auto* table = new std::map<std::string, int, std::less<>>{
      // Zero digits.
      {"BIF", 0}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0}, {"ISK", 0}, {"JPY", 0},
      {"KMF", 0}, {"KRW", 0}, {"PYG", 0}, {"RWF", 0}, {"UGX", 0}, {"VND", 0},
      {"VUV", 0}, {"XAF", 0}, {"XOF", 0}, {"XPF", 0},
      // Three digits.
      {"BHD", 3}, {"IQD", 3}, {"JOD", 3}, {"KWD", 3}, {"LYD", 3}, {"OMR", 3},
      {"TND", 3},
      // Two digits.
      {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2},
      {"ARS", 2}, {"AUD", 2}, {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2},
      {"BDT", 2}, {"BGN", 2}, {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BRL", 2},
      {"BSD", 2}, {"BTN", 2}, {"BWP", 2}, {"BYN", 2}, {"BZD", 2}, {"CAD", 2},
      {"CDF", 2}, {"CHF", 2}, {"CNY", 2}, {"COP", 2}, {"CRC", 2}, {"CUP", 2},
      {"CVE", 2}, {"CZK", 2}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2}, {"EGP", 2},
      {"ERN", 2}, {"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2},
      {"GEL", 2}, {"GHS", 2}, {"GIP", 2}, {"GMD", 2}, {"GTQ", 2}, {"GYD", 2},
      {"HKD", 2}, {"HNL", 2}, {"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2},
      {"INR", 2}, {"IRR", 2}, {"JMD", 2}, {"KES", 2}, {"KGS", 2}, {"KHR", 2},
      {"KPW", 2}, {"KYD", 2}, {"KZT", 2}, {"LAK", 2}, {"LBP", 2}, {"LKR", 2},
      {"LRD", 2}, {"LSL", 2}, {"MAD", 2}, {"MDL", 2}, {"MGA", 2}, {"MKD", 2},
      {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2}, {"MUR", 2}, {"MVR", 2},
      {"MWK", 2}, {"MXN", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2}, {"NGN", 2},
      {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"PAB", 2}, {"PEN", 2},
      {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"QAR", 2}, {"RON", 2},
      {"RSD", 2}, {"RUB", 2}, {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2},
      {"SEK", 2}, {"SGD", 2}, {"SHP", 2}, {"SLE", 2}, {"SOS", 2}, {"SRD", 2},
      {"SSP", 2}, {"STN", 2}, {"SVC", 2}, {"SYP", 2}, {"SZL", 2}, {"THB", 2},
      {"TJS", 2}, {"TMT", 2}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2}, {"TWD", 2},
      {"TZS", 2}, {"UAH", 2}, {"USD", 2}, {"UYU", 2}, {"UZS", 2}, {"VED", 2},
      {"VES", 2}, {"WST", 2}, {"XCD", 2}, {"XCG", 2}, {"YER", 2}, {"ZAR", 2},
      {"ZMW", 2}, {"ZWG", 2}, {"ZWL", 2}};
  return *table;
}

constexpr int64_t kPowersOfTen[] = {1, 10, 100, 1'000, 10'000};

std::string MaxAmountText(int digits) { return FormatDecimalAmount(kMaxAmountMinor, digits); }

// The messages read after a field name ("unit_price.decimal_amount must be
// ..."), which is how the API reports them.
absl::Status NotPlainDecimal() {
  return absl::InvalidArgumentError(
      "must be a plain decimal such as \"12.50\" or \"-0.05\" (digits, at most one '.', "
      "an optional leading '-'; no '+', exponent, spaces or separators)");
}

}  // namespace

std::optional<int> MinorUnitDigits(std::string_view currency_code) {
  const auto& table = CurrencyDigits();
  auto it = table.find(currency_code);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

// Grammar: ['-'] digit+ ['.' digit+]. A '.' must have digits on both sides:
// "1." and ".5" are refused, since nothing Fascia emits looks like that and
// a truncated number is likelier a client bug than an intended amount.
absl::StatusOr<int64_t> ParseDecimalAmount(std::string_view text, int digits) {
  size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  const size_t int_begin = i;
  // Checked after every digit: kMaxAmountMinor * 10 + 9 still fits, so the
  // running value cannot wrap before the check sees it.
  int64_t whole = 0;
  bool too_large = false;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (!too_large) {
      whole = whole * 10 + (text[i] - '0');
      if (whole > kMaxAmountMinor) too_large = true;
    }
    ++i;
  }
  if (i == int_begin) return NotPlainDecimal();

  int64_t fraction = 0;  // the first `digits` fraction digits
  bool finer = false;    // a non-zero digit beyond them
  if (i < text.size() && text[i] == '.') {
    ++i;
    const size_t frac_begin = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      const int position = static_cast<int>(i - frac_begin);
      if (position < digits) {
        fraction = fraction * 10 + (text[i] - '0');
      } else if (text[i] != '0') {
        finer = true;
      }
      ++i;
    }
    if (i == frac_begin) return NotPlainDecimal();
    // Pad a short fraction ("12.5" for two digits is 50 cents).
    const int seen = static_cast<int>(i - frac_begin);
    if (seen < digits) fraction *= kPowersOfTen[digits - seen];
  }
  if (i != text.size()) return NotPlainDecimal();
  if (finer) {
    if (digits == 0) {
      return absl::InvalidArgumentError(
          "has a fraction, but the currency has no minor units (whole amounts only)");
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "has more decimal places than the currency's ", digits));
  }
  // 128 bits: a whole part just under the limit times 10^4 passes int64.
  const __int128 magnitude = static_cast<__int128>(whole) * kPowersOfTen[digits] + fraction;
  if (too_large || magnitude > kMaxAmountMinor) {
    return absl::InvalidArgumentError(
        absl::StrCat("is larger than the largest amount accepted, ", MaxAmountText(digits)));
  }
  return static_cast<int64_t>(negative ? -magnitude : magnitude);
}

std::string FormatDecimalAmount(int64_t minor, int digits) {
  // Unsigned magnitude so that INT64_MIN formats too.
  const uint64_t magnitude =
      minor < 0 ? uint64_t{0} - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  const uint64_t scale = static_cast<uint64_t>(kPowersOfTen[digits]);
  std::string out = minor < 0 ? "-" : "";
  absl::StrAppend(&out, magnitude / scale);
  if (digits > 0) {
    std::string fraction = std::to_string(magnitude % scale);
    out.push_back('.');
    out.append(static_cast<size_t>(digits) - fraction.size(), '0');
    out.append(fraction);
  }
  return out;
}

std::optional<int64_t> AddAmounts(int64_t a, int64_t b) {
  // 128 bits: callers pass amounts from outside, which may be anything.
  const __int128 sum = static_cast<__int128>(a) + b;
  if (sum > kMaxAmountMinor || sum < -kMaxAmountMinor) return std::nullopt;
  return static_cast<int64_t>(sum);
}

std::optional<int64_t> MultiplyAmount(int64_t a, int64_t n) {
  const __int128 product = static_cast<__int128>(a) * n;
  if (product > kMaxAmountMinor || product < -kMaxAmountMinor) return std::nullopt;
  return static_cast<int64_t>(product);
}

}  // namespace fascia::billing
