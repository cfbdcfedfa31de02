// The scheduling inputs the domain decides on: a location, its staff and
// rooms, and the service being booked. Plain values, filled in by the API
// layer from storage; the domain never loads anything itself.
//
// Conventions:
//  * Weekly ranges (opening hours, shifts, breaks) are local wall time in the
//    LOCATION's zone, even for staff who also work elsewhere: `shifts` holds
//    only this location's shifts.
//  * Dates (closures, qualification validity) are local dates in the
//    location's zone, inclusive at both ends.
//  * Absolute ranges (time off, busy) are half-open instants.
//  * `StaffSchedule::busy` and `RoomSchedule::busy` are the BLOCKED ranges of
//    existing active appointments (see OccupiesTime() in
//    appointment_status.h): [start - buffer_before, end + buffer_after).
//    Client busy ranges, passed separately, EXCLUDE buffers.
//
// Validate*() return InvalidArgumentError naming the offending field (domain
// field names, e.g. "opening_hours[2].end_minute"); BookingEvaluator and
// FindSlots() assume valid input.
#ifndef FASCIA_DOMAIN_SCHEDULE_H_
#define FASCIA_DOMAIN_SCHEDULE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/interval.h"
#include "domain/local_time.h"

namespace fascia {
namespace domain {

// The location is closed on local dates [first, last].
struct Closure {
  absl::CivilDay first;
  absl::CivilDay last;
};

struct LocationSchedule {
  absl::TimeZone tz;
  std::vector<WeeklyInterval> opening_hours;
  std::vector<Closure> closures;
  // A booking must start at or after now + min_lead_time ...
  absl::Duration min_lead_time = absl::ZeroDuration();
  // ... and at or before now + max_advance (InfiniteDuration: no limit).
  absl::Duration max_advance = absl::InfiniteDuration();
  // Offered starts are every slot_interval from local midnight. A whole
  // number of minutes in [1 min, 24 h].
  absl::Duration slot_interval = absl::Minutes(15);
};

struct Qualification {
  std::string code;
  std::optional<absl::CivilDay> valid_from;  // unset: valid since forever
  std::optional<absl::CivilDay> valid_to;    // unset: never expires

  bool ValidOn(absl::CivilDay day) const {
    return (!valid_from || *valid_from <= day) &&
           (!valid_to || day <= *valid_to);
  }
};

struct StaffSchedule {
  std::string id;
  // Several entries may share a code (a renewal): any one valid suffices.
  std::vector<Qualification> qualifications;
  std::vector<WeeklyInterval> shifts;  // at this location only
  std::vector<WeeklyInterval> breaks;
  std::vector<Interval> time_off;
  std::vector<Interval> busy;  // blocked ranges, buffers included
};

struct RoomSchedule {
  std::string id;
  std::vector<std::string> features;
  std::vector<Interval> busy;  // blocked ranges, buffers included
};

struct ServiceSpec {
  absl::Duration duration;  // what the client books; in (0, 24 h]
  absl::Duration buffer_before = absl::ZeroDuration();  // in [0, 24 h]
  absl::Duration buffer_after = absl::ZeroDuration();   // in [0, 24 h]
  std::vector<std::string> required_qualifications;
  std::vector<std::string> required_room_features;
};

absl::Status ValidateLocationSchedule(const LocationSchedule& location);
absl::Status ValidateStaffSchedule(const StaffSchedule& staff);
absl::Status ValidateServiceSpec(const ServiceSpec& service);

}  // namespace domain
}  // namespace fascia

#endif  // FASCIA_DOMAIN_SCHEDULE_H_
