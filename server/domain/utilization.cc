// Scheduled and booked time of a therapist; see utilization.h.
#include "domain/utilization.h"

#include <algorithm>

#include "absl/time/civil_time.h"
#include "domain/local_time.h"

namespace fascia::domain {
namespace {

absl::Duration TotalWithin(const std::vector<Interval>& normalized, Interval period) {
  absl::Duration total = absl::ZeroDuration();
  for (const Interval& i : normalized) {
    Interval clipped{std::max(i.start, period.start), std::min(i.end, period.end)};
    total += clipped.length();
  }
  return total;
}

}  // namespace

absl::Duration ScheduledTime(const StaffSchedule& staff, const absl::TimeZone& tz, Interval period) {
  if (period.empty()) return absl::ZeroDuration();
  // A day either side: a shift that starts the evening before the period (or
  // a period edge that is not local midnight) is still counted in part.
  const absl::CivilDay first = absl::ToCivilDay(period.start, tz) - 1;
  const absl::CivilDay last = absl::ToCivilDay(period.end, tz) + 1;
  std::vector<Interval> working = ExpandWeekly(staff.shifts, first, last, tz);
  working = Subtract(working, ExpandWeekly(staff.breaks, first, last, tz));
  working = Subtract(working, Normalize(staff.time_off));
  return TotalWithin(working, period);
}

absl::Duration BookedTime(std::vector<Interval> appointments, Interval period) {
  return TotalWithin(Normalize(std::move(appointments)), period);
}

int64_t UtilizationBasisPoints(absl::Duration booked, absl::Duration scheduled) {
  if (scheduled <= absl::ZeroDuration()) return 0;
  return absl::ToInt64Seconds(booked) * 10000 / absl::ToInt64Seconds(scheduled);
}

}  // namespace fascia::domain
