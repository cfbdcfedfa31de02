// Parsing and showing the small value types admins type as flags: money
// ("GBP:70.00" in major units, stored as integer minor units, never through
// floating point) and filter clauses.
//
// Thread-safety: pure functions.
#ifndef FASCIA_CLIENTS_FASCIACTL_VALUES_H_
#define FASCIA_CLIENTS_FASCIACTL_VALUES_H_

#include <string>

#include "absl/status/statusor.h"
#include "fascia/v1/common.pb.h"

namespace fasciactl {

// Digits after the decimal point in ISO 4217 `currency` (2 unless listed:
// JPY 0, KWD 3, ...).
int MinorDigits(const std::string& currency);

// "GBP:70.00", "GBP:70", "JPY:5000", "KWD:1.250" -> Money. More decimals than
// the currency has, a negative amount, or a currency that is not three
// letters is an error. The currency is upper-cased.
absl::StatusOr<fascia::v1::Money> ParseMoney(const std::string& text);
// "GBP 70.00".
std::string FormatMoney(const fascia::v1::Money& money);

// `field = "value"` for an AIP-160 filter; a value holding a double quote is
// an error (the server's filter subset has no escapes).
absl::StatusOr<std::string> FilterClause(const std::string& field, const std::string& op,
                                         const std::string& value);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_VALUES_H_
