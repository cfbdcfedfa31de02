// Validation of the value types shared by many requests. Each check appends
// a violation for `field` (a dotted request path) to `v` and returns whether
// the value was acceptable, so callers can validate everything in one pass and
// report every bad field at once.
#ifndef FASCIA_API_FIELD_CHECKS_H_
#define FASCIA_API_FIELD_CHECKS_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/time/time.h"
#include "common/errors.h"
#include "fascia/v1/common.pb.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace fascia::api {

inline constexpr size_t kMaxShortText = 200;   // display names, reasons, codes
inline constexpr size_t kMaxRequestId = 64;

// Joins a prefix and a field name with '.', or returns the name alone.
std::string FieldPath(absl::string_view prefix, absl::string_view name);

bool CheckRequired(absl::string_view value, const std::string& field, FieldViolations& v);
bool CheckText(absl::string_view value, size_t max_length, const std::string& field,
               FieldViolations& v);
// A resource name of the given pattern ("organizations/*/locations/*").
bool CheckName(absl::string_view value, absl::string_view pattern, const std::string& field,
               FieldViolations& v, bool allow_wildcard = false);
// Optional: 1..64 of [A-Za-z0-9_-].
bool CheckRequestId(absl::string_view value, const std::string& field, FieldViolations& v);
// Optional: a resource id ([a-z0-9][a-z0-9-]{0,62}).
bool CheckResourceId(absl::string_view value, const std::string& field, FieldViolations& v);
bool CheckTimeZone(absl::string_view value, const std::string& field, FieldViolations& v);
bool CheckCurrency(absl::string_view value, const std::string& field, FieldViolations& v);
bool CheckDate(const fascia::v1::Date& value, const std::string& field, FieldViolations& v);
bool CheckWeeklyInterval(const fascia::v1::WeeklyInterval& value, const std::string& field,
                         FieldViolations& v);
// 0 <= value <= max.
bool CheckDuration(const google::protobuf::Duration& value, absl::Duration max,
                   const std::string& field, FieldViolations& v);
// The last second of year 9999 (9999-12-31T23:59:59Z): timestamps the API
// accepts lie in [1970, 9999].
inline constexpr int64_t kMaxTimestampSeconds = 253402300799;
// A valid Timestamp between years 1970 and 9999.
bool CheckTimestamp(const google::protobuf::Timestamp& value, const std::string& field,
                    FieldViolations& v);
// Lower-case code: [a-z0-9][a-z0-9-]{0,62} (room features, modality codes).
bool CheckCode(absl::string_view value, const std::string& field, FieldViolations& v);

absl::Time ToTime(const google::protobuf::Timestamp& t);
google::protobuf::Timestamp ToTimestamp(absl::Time t);
// The same, written into `out` (no temporary: for responses built in bulk).
void SetTimestamp(absl::Time t, google::protobuf::Timestamp& out);
absl::Duration ToDuration(const google::protobuf::Duration& d);
google::protobuf::Duration ToProtoDuration(absl::Duration d);

}  // namespace fascia::api

#endif  // FASCIA_API_FIELD_CHECKS_H_
