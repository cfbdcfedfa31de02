// Availability search: which (start, staff member, room) appointments for one
// service at one location can be booked in a time range.
//
// Every slot returned passes exactly the rules of booking_rules.h (the search
// runs them through the same BookingEvaluator), so booking a returned slot
// fails only if the schedule changed in between.
//
// Candidate starts are the instants whose LOCAL wall time is a multiple of
// slot_interval after local midnight (10:00, 10:15, ... in the location's
// zone, correct on both sides of a clock change) and that lie in
// [range.start, range.end). A wall time skipped by spring-forward is not a
// candidate; one repeated by fall-back is a candidate at both occurrences.
//
// Output order is (start, staff_index). For each start and each staff member
// who can take it, the slot names the lowest-index room that is free and has
// the required features; staff members at the same start are alternatives,
// not a joint assignment, so they may all name the same room.
//
// Paging: pass the last slot of the previous page as `resume_after`; the
// search returns only slots strictly after it in (start, staff_index) order.
// A page shorter than `limit` is the last one; ask for limit + 1 to know
// whether another page exists without a further call.
//
//   SlotQuery q;
//   q.range = {absl::FromCivil(absl::CivilDay(2024, 3, 10), tz), ...};
//   q.now = absl::Now();
//   q.limit = 50;
//   ASSIGN_OR_RETURN(std::vector<Slot> slots,
//                    FindSlots(location, service, staff, rooms, q));
//
// Cost: precomputation linear in days x (staff + rooms) plus sorting the busy
// lists; then O(log n) per check and no allocation per candidate.
// Thread-safety: pure function.
#ifndef FASCIA_DOMAIN_AVAILABILITY_H_
#define FASCIA_DOMAIN_AVAILABILITY_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/interval.h"
#include "domain/schedule.h"

namespace fascia {
namespace domain {

// The longest `range` one search accepts, so one request cannot make the
// server expand schedules for years.
inline constexpr absl::Duration kMaxSlotSearchRange = absl::Hours(24 * 92);

struct Slot {
  absl::Time start;
  absl::Time end;  // start + service duration (the client range; no buffers)
  size_t staff_index;  // into the staff vector passed to FindSlots()
  size_t room_index;   // into the rooms vector passed to FindSlots()

  friend bool operator==(const Slot& a, const Slot& b) {
    return a.start == b.start && a.end == b.end &&
           a.staff_index == b.staff_index && a.room_index == b.room_index;
  }
};

struct SlotQuery {
  struct ResumeAfter {
    absl::Time start;
    size_t staff_index;
  };

  // Starts in [range.start, range.end). Finite, start < end, at most
  // kMaxSlotSearchRange long.
  Interval range;
  absl::Time now;
  // The client's active appointments, WITHOUT buffers; empty if no client.
  std::vector<Interval> client_busy;
  size_t limit = 100;  // > 0
  std::optional<ResumeAfter> resume_after;
};

// InvalidArgumentError if the location or service fail their Validate*()
// checks or the query breaks the constraints above; otherwise up to
// `query.limit` slots in (start, staff_index) order.
absl::StatusOr<std::vector<Slot>> FindSlots(
    const LocationSchedule& location, const ServiceSpec& service,
    const std::vector<StaffSchedule>& staff,
    const std::vector<RoomSchedule>& rooms, const SlotQuery& query);

}  // namespace domain
}  // namespace fascia

#endif  // FASCIA_DOMAIN_AVAILABILITY_H_
