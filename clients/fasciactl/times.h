// Times as an admin types and reads them: local wall time in the location's
// IANA zone, with the zone printed; weekly hours such as
// "mon-fri 09:00-19:00, sat 10:00-16:00"; dates; durations such as "90m".
//
//   absl::TimeZone london;
//   ASSIGN_OR_RETURN(london, LoadZone("Europe/London"));
//   absl::StatusOr<absl::Time> t = ParseTimeInZone("2026-12-01T10:00", london);
//   FormatInZone(*t, london, "Europe/London");  // "2026-12-01 10:00 GMT (Europe/London)"
//
// Local-time rule (the server's, ARCHITECTURE.md decision 3): a wall time in
// a spring-forward gap moves forward by the gap (New York 2024-03-10 02:30 is
// 03:30 EDT); a repeated fall-back wall time means the first occurrence
// (2024-11-03 01:30 is 01:30 EDT). absl::TimeZone::At(civil).pre gives both.
// A time typed with an explicit offset or Z is taken as given.
//
// Thread-safety: pure functions.
#ifndef FASCIA_CLIENTS_FASCIACTL_TIMES_H_
#define FASCIA_CLIENTS_FASCIACTL_TIMES_H_

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/repeated_field.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "fascia/v1/common.pb.h"

namespace fasciactl {

// The IANA zone `name`; InvalidArgumentError when the system has no such zone.
absl::StatusOr<absl::TimeZone> LoadZone(const std::string& name);

// True when `text` carries its own offset ("...Z", "...+01:00", "...-0500").
bool HasExplicitOffset(const std::string& text);

// Parses an instant typed as local wall time in `tz`:
//   2026-12-01T10:00, 2026-12-01 10:00, 2026-12-01T10:00:30, 2026-12-01 (midnight),
//   or any of those followed by Z or an offset (+01:00, -0500), which wins over `tz`;
//   "now" is the current time.
absl::StatusOr<absl::Time> ParseTimeInZone(const std::string& text, const absl::TimeZone& tz);

// "2026-12-01 10:00 GMT (Europe/London)"; seconds appear only when non-zero.
// An empty `zone_name` leaves out the parenthesis.
std::string FormatInZone(absl::Time t, const absl::TimeZone& tz, const std::string& zone_name);
// The end of a range that started at `start`: "11:00 GMT" on the same local
// day, else the full "2026-12-02 01:00 GMT".
std::string FormatEndInZone(absl::Time start, absl::Time end, const absl::TimeZone& tz);
// "2026-11-21T14:16:17Z" (RFC 3339, UTC), for create/update times.
std::string FormatUtc(absl::Time t);
// FormatUtc of an optional Timestamp field: "" when `set` is false (the
// field's has_...()), so an unset time is not shown as 1970.
std::string FormatUtcOrEmpty(const google::protobuf::Timestamp& t, bool set);

absl::Time FromTimestamp(const google::protobuf::Timestamp& ts);
google::protobuf::Timestamp ToTimestamp(absl::Time t);

// "90m", "1h30m", "45s", "90d", "0"; negative is an error.
absl::StatusOr<absl::Duration> ParseDurationFlag(const std::string& text);
google::protobuf::Duration ToDurationProto(absl::Duration d);
// "1h30m", "15m", "90d"; "0" for zero.
std::string FormatDuration(const google::protobuf::Duration& d);

// "2026-12-25" <-> Date.
absl::StatusOr<fascia::v1::Date> ParseDate(const std::string& text);
std::string FormatDate(const fascia::v1::Date& d);

// Weekly hours: entries separated by commas, each `DAYS RANGE [RANGE...]`:
//   DAYS  = mon | mon-fri | fri-mon (wraps) | daily | weekdays | weekends
//           (three-letter or full day names, any case)
//   RANGE = HH:MM-HH:MM, end after start, 24:00 allowed as an end
// "mon-fri 09:00-13:00 14:00-19:00, sat 10:00-16:00". An empty string is no
// hours at all (useful to clear a field on update).
absl::StatusOr<std::vector<fascia::v1::WeeklyInterval>> ParseWeeklyHours(const std::string& text);
// The inverse, grouping consecutive days with the same ranges:
// "mon-fri 09:00-19:00, sat 10:00-16:00". "" for none.
std::string FormatWeeklyHours(
    const google::protobuf::RepeatedPtrField<fascia::v1::WeeklyInterval>& hours);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_TIMES_H_
