// Local wall time -> absolute time, the one place Fascia turns a location's
// weekly hours into instants.
//
// Rules (ARCHITECTURE.md decision 3, RFC 5545):
//  * A wall time that does not exist (spring-forward gap) moves forward by
//    the length of the gap: America/New_York 2024-03-10 02:30 is 03:30 EDT,
//    07:30Z.
//  * A wall time that happens twice (fall-back overlap) means the FIRST
//    occurrence: America/New_York 2024-11-03 01:30 is 01:30 EDT, 05:30Z.
//  * Weekly hours stay fixed in local time across a change (a Sunday 10:00
//    shift starts at 10:00 local on both sides of it); their durations are
//    elapsed time, so 00:00-08:00 on a spring-forward day lasts 7 hours.
//
//   absl::TimeZone tz;
//   absl::LoadTimeZone("Europe/London", &tz);
//   std::vector<Interval> open = ExpandWeekly(
//       location.opening_hours, absl::CivilDay(2024, 3, 25),
//       absl::CivilDay(2024, 3, 31), tz);
//
// Thread-safety: pure functions.
#ifndef FASCIA_DOMAIN_LOCAL_TIME_H_
#define FASCIA_DOMAIN_LOCAL_TIME_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/interval.h"

namespace fascia {
namespace domain {

inline constexpr int kMinutesPerDay = 24 * 60;

// A recurring range of local wall time on one weekday, e.g. Sunday
// 10:00-18:00 is {absl::Weekday::sunday, 600, 1080}. Minutes count from local
// midnight. Valid when 0 <= start_minute < end_minute <= 1440; end 1440 is the
// next midnight. It never crosses midnight: an overnight range is two
// entries, which ExpandWeekly() merges back into one interval.
struct WeeklyInterval {
  absl::Weekday day;
  int start_minute;
  int end_minute;
};

// OK if `w` is valid as described above; InvalidArgumentError otherwise.
absl::Status ValidateWeeklyInterval(const WeeklyInterval& w);

// The instant at which the wall clock in `tz` reads `wall`, resolved by the
// gap/overlap rules above.
absl::Time ResolveWallTime(absl::CivilMinute wall, const absl::TimeZone& tz);

// The instants covered by `weekly` on every local day in [first, last]
// (inclusive) in `tz`, normalized (sorted, merged where they touch or
// overlap; see interval.h). Each end is resolved independently with
// ResolveWallTime(). Invalid entries are skipped, as is an occurrence that
// resolves to nothing (e.g. 02:30-03:00 on a New York spring-forward day,
// which lies wholly inside the gap).
std::vector<Interval> ExpandWeekly(const std::vector<WeeklyInterval>& weekly,
                                   absl::CivilDay first, absl::CivilDay last,
                                   const absl::TimeZone& tz);

// The instants of the local days [first, last] (inclusive): from the start of
// `first` to the start of the day after `last`.
Interval LocalDays(absl::CivilDay first, absl::CivilDay last,
                   const absl::TimeZone& tz);

}  // namespace domain
}  // namespace fascia

#endif  // FASCIA_DOMAIN_LOCAL_TIME_H_
