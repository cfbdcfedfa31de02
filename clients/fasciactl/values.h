// Parsing and showing the small value types admins type as flags: money
// ("GBP:70.00" in major units, stored as integer minor units, never through
// floating point), enum names ("trigger-point"), colon-separated records
// ("effleurage:upper back:15") and filter clauses.
//
// Thread-safety: pure functions.
#ifndef FASCIA_CLIENTS_FASCIACTL_VALUES_H_
#define FASCIA_CLIENTS_FASCIACTL_VALUES_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <string>
#include <vector>

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

// An enum value typed the friendly way: any case, '-' for '_'
// ("prenatal-waiver" -> PRENATAL_WAIVER); the *_UNSPECIFIED value and
// unknown names are errors naming `flag` ("--kind") and listing the choices.
absl::StatusOr<int> ParseEnumFlag(const std::string& flag, const std::string& text,
                                  const google::protobuf::EnumDescriptor* type);

// An enum value's name as typed: PRENATAL_WAIVER -> "prenatal-waiver".
std::string FormatEnumLabel(const std::string& enum_name);

// Fills `message` from "a:b:c": the i-th part goes to field fields[i]
// (string, int32, enum as in ParseEnumFlag, or a Date "YYYY-MM-DD"); the last
// field takes the rest of the text, so it may hold ':'. Empty parts leave
// their field unset. `flag` names the flag in errors.
absl::Status ParseColonRecord(const std::string& flag, const std::string& text,
                              const std::vector<std::string>& fields,
                              google::protobuf::Message& message);

// The inverse of ParseColonRecord: the fields' values joined with ':',
// trailing empty ones left out ("effleurage:upper back:15").
std::string FormatColonRecord(const google::protobuf::Message& message,
                              const std::vector<std::string>& fields);

// `field = "value"` for an AIP-160 filter; a value holding a double quote is
// an error (the server's filter subset has no escapes).
absl::StatusOr<std::string> FilterClause(const std::string& field, const std::string& op,
                                         const std::string& value);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_VALUES_H_
