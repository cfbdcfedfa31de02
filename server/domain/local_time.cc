// Wall-time resolution and weekly expansion. See local_time.h.
#include "domain/local_time.h"

#include "absl/strings/str_cat.h"

namespace fascia {
namespace domain {

absl::Status ValidateWeeklyInterval(const WeeklyInterval& w) {
  if (w.start_minute < 0 || w.start_minute >= kMinutesPerDay) {
    return absl::InvalidArgumentError(absl::StrCat(
        "start_minute must be in [0, 1440), got ", w.start_minute));
  }
  if (w.end_minute <= w.start_minute || w.end_minute > kMinutesPerDay) {
    return absl::InvalidArgumentError(
        absl::StrCat("end_minute must be in (start_minute, 1440], got ",
                     w.end_minute, " with start_minute ", w.start_minute));
  }
  return absl::OkStatus();
}

absl::Time ResolveWallTime(absl::CivilMinute wall, const absl::TimeZone& tz) {
  // `pre` applies the offset in force before the transition. In a gap that
  // is the old (smaller) offset, which lands the gap's length later; in an
  // overlap it is the first occurrence. Both are the rules we want.
  return tz.At(wall).pre;
}

std::vector<Interval> ExpandWeekly(const std::vector<WeeklyInterval>& weekly,
                                   absl::CivilDay first, absl::CivilDay last,
                                   const absl::TimeZone& tz) {
  std::vector<Interval> out;
  if (weekly.empty() || last < first) return Normalize(std::move(out));
  for (absl::CivilDay day = first; day <= last; ++day) {
    const absl::Weekday weekday = absl::GetWeekday(day);
    const absl::CivilMinute midnight(day);
    for (const WeeklyInterval& w : weekly) {
      if (w.day != weekday || !ValidateWeeklyInterval(w).ok()) continue;
      // Empty results (both ends inside a gap) are dropped by Normalize().
      out.push_back({ResolveWallTime(midnight + w.start_minute, tz),
                     ResolveWallTime(midnight + w.end_minute, tz)});
    }
  }
  return Normalize(std::move(out));
}

Interval LocalDays(absl::CivilDay first, absl::CivilDay last,
                   const absl::TimeZone& tz) {
  return {ResolveWallTime(absl::CivilMinute(first), tz),
          ResolveWallTime(absl::CivilMinute(last + 1), tz)};
}

}  // namespace domain
}  // namespace fascia
