// Shared field validation; see field_checks.h.
#include "api/field_checks.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "api/resource_names.h"

namespace fascia::api {
namespace {

// ISO 4217 active codes (2024). Billing keeps its own table of minor units;
// here we only refuse codes that do not exist.
const std::set<absl::string_view>& KnownCurrencies() {
  static const auto* codes = new std::set<absl::string_view>{
      "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
      "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
      "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
      "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
      "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
      "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
      "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
      "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
      "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
      "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
      "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
      "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL"};
  return *codes;
}

}  // namespace

std::string FieldPath(absl::string_view prefix, absl::string_view name) {
  if (prefix.empty()) return std::string(name);
  return absl::StrCat(prefix, ".", name);
}

bool CheckRequired(absl::string_view value, const std::string& field, FieldViolations& v) {
  if (!value.empty()) return true;
  v.Add(field, "is required");
  return false;
}

bool CheckText(absl::string_view value, size_t max_length, const std::string& field,
               FieldViolations& v) {
  if (value.size() <= max_length) return true;
  v.Add(field, absl::StrCat("is longer than ", max_length, " bytes"));
  return false;
}

bool CheckName(absl::string_view value, absl::string_view pattern, const std::string& field,
               FieldViolations& v, bool allow_wildcard) {
  if (value.empty()) {
    v.Add(field, "is required");
    return false;
  }
  if (MatchName(value, pattern, allow_wildcard)) return true;
  v.Add(field, absl::StrCat("must be a resource name of the form ", pattern));
  return false;
}

bool CheckRequestId(absl::string_view value, const std::string& field, FieldViolations& v) {
  if (value.size() > kMaxRequestId) {
    v.Add(field, absl::StrCat("is longer than ", kMaxRequestId, " characters"));
    return false;
  }
  for (char c : value) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      v.Add(field, "may contain only letters, digits, '-' and '_' (a UUID is ideal)");
      return false;
    }
  }
  return true;
}

bool CheckResourceId(absl::string_view value, const std::string& field, FieldViolations& v) {
  if (value.empty() || IsValidId(value)) return true;
  v.Add(field, "must match [a-z0-9][a-z0-9-]{0,62}");
  return false;
}

bool CheckCode(absl::string_view value, const std::string& field, FieldViolations& v) {
  if (IsValidId(value)) return true;
  v.Add(field, value.empty() ? "is required" : "must be a lower-case code matching [a-z0-9][a-z0-9-]{0,62}");
  return false;
}

bool CheckTimeZone(absl::string_view value, const std::string& field, FieldViolations& v) {
  absl::TimeZone tz;
  if (value.empty()) {
    v.Add(field, "is required (an IANA time zone such as \"Europe/London\")");
    return false;
  }
  // LoadTimeZone also accepts odd spellings like "UTC0"; require an IANA name.
  bool iana_like = value.size() <= 64 && value.find("..") == absl::string_view::npos &&
                   value.front() != '/';
  if (iana_like && absl::LoadTimeZone(std::string(value), &tz)) return true;
  v.Add(field, absl::StrCat("is not a known IANA time zone: \"", value.substr(0, 64), "\""));
  return false;
}

bool CheckCurrency(absl::string_view value, const std::string& field, FieldViolations& v) {
  if (KnownCurrencies().count(value)) return true;
  v.Add(field, value.empty() ? "is required (an ISO 4217 code such as \"USD\")"
                             : "is not an ISO 4217 currency code");
  return false;
}

bool CheckDate(const fascia::v1::Date& d, const std::string& field, FieldViolations& v) {
  bool in_range = d.year() >= 1 && d.year() <= 9999 && d.month() >= 1 && d.month() <= 12 &&
                  d.day() >= 1 && d.day() <= 31;
  if (in_range) {
    absl::CivilDay day(d.year(), d.month(), d.day());
    // CivilDay normalizes Feb 30 to Mar 1; a round trip that changes the
    // fields means the date does not exist.
    if (day.month() == d.month() && day.day() == d.day()) return true;
  }
  v.Add(field, "is not a valid calendar date");
  return false;
}

bool CheckWeeklyInterval(const fascia::v1::WeeklyInterval& w, const std::string& field,
                         FieldViolations& v) {
  bool ok = true;
  if (w.day() == fascia::v1::DAY_OF_WEEK_UNSPECIFIED || !fascia::v1::DayOfWeek_IsValid(w.day())) {
    v.Add(FieldPath(field, "day"), "must be MONDAY..SUNDAY");
    ok = false;
  }
  auto minutes = [&](const fascia::v1::TimeOfDay& t, const std::string& f) -> int {
    if (t.hours() < 0 || t.hours() > 24 || t.minutes() < 0 || t.minutes() > 59 ||
        (t.hours() == 24 && t.minutes() != 0)) {
      v.Add(f, "must be a time of day between 00:00 and 24:00");
      ok = false;
      return -1;
    }
    return t.hours() * 60 + t.minutes();
  };
  int start = minutes(w.start(), FieldPath(field, "start"));
  int end = minutes(w.end(), FieldPath(field, "end"));
  if (start >= 0 && end >= 0 && end <= start) {
    v.Add(FieldPath(field, "end"), "must be after start (intervals do not cross midnight)");
    ok = false;
  }
  return ok;
}

bool CheckDuration(const google::protobuf::Duration& d, absl::Duration max,
                   const std::string& field, FieldViolations& v) {
  bool valid = d.nanos() > -1000000000 && d.nanos() < 1000000000 &&
               !(d.seconds() > 0 && d.nanos() < 0) && !(d.seconds() < 0 && d.nanos() > 0);
  if (valid && ToDuration(d) >= absl::ZeroDuration() && ToDuration(d) <= max) return true;
  v.Add(field, absl::StrCat("must be between 0 and ", absl::FormatDuration(max)));
  return false;
}

bool CheckTimestamp(const google::protobuf::Timestamp& t, const std::string& field,
                    FieldViolations& v) {
  if (t.seconds() >= 0 && t.seconds() <= kMaxTimestampSeconds && t.nanos() >= 0 &&
      t.nanos() < 1000000000) {
    return true;
  }
  v.Add(field, "must be a timestamp between 1970 and 9999");
  return false;
}

absl::Time ToTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  google::protobuf::Timestamp out;
  SetTimestamp(t, out);
  return out;
}

void SetTimestamp(absl::Time t, google::protobuf::Timestamp& out) {
  int64_t seconds = absl::ToUnixSeconds(t);
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>((t - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
}

absl::Duration ToDuration(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

google::protobuf::Duration ToProtoDuration(absl::Duration d) {
  google::protobuf::Duration out;
  int64_t seconds = absl::IDivDuration(d, absl::Seconds(1), &d);
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(d / absl::Nanoseconds(1)));
  return out;
}

}  // namespace fascia::api
