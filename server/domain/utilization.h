// A therapist's utilization at a location over a period: the time booked with
// clients divided by the time they were scheduled to work there.
//
//   scheduled = the location's shifts, minus breaks and time off, inside the
//               period (weekly wall times resolved in the location's zone, so
//               a DST change neither adds nor drops an hour of a shift that
//               does not span it)
//   booked    = the appointments' [start, end) inside the period (buffers are
//               turnover, not client time)
//
//   absl::Duration s = ScheduledTime(ToStaffSchedule(...), tz, period);
//   int64_t bp = UtilizationBasisPoints(booked, s);  // 2500 = 25%
//
// Thread-safety: pure functions.
#ifndef FASCIA_DOMAIN_UTILIZATION_H_
#define FASCIA_DOMAIN_UTILIZATION_H_

#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "domain/interval.h"
#include "domain/schedule.h"

namespace fascia::domain {

// The time `staff` was scheduled to work at the location of `tz` during
// `period`. REQUIRES: staff.shifts and staff.breaks are valid.
absl::Duration ScheduledTime(const StaffSchedule& staff, const absl::TimeZone& tz, Interval period);

// The total of `appointments` (their client time), each clipped to `period`;
// overlapping appointments count once.
absl::Duration BookedTime(std::vector<Interval> appointments, Interval period);

// booked / scheduled in basis points (rounded down); 0 when nothing was
// scheduled. May exceed 10000 when appointments ran outside shifts.
int64_t UtilizationBasisPoints(absl::Duration booked, absl::Duration scheduled);

}  // namespace fascia::domain

#endif  // FASCIA_DOMAIN_UTILIZATION_H_
