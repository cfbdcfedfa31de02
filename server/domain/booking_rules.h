// Whether an appointment (staff member, room, start) may be booked: the one
// place that decides, used by both booking (CheckBooking) and availability
// search (FindSlots, through BookingEvaluator), so search never offers what
// booking refuses.
//
// For a service with duration D and buffers Bb/Ba starting at S:
//   client range  [S, S + D)            what the client books
//   block         [S - Bb, S + D + Ba)  what staff and room are taken for
//
// The rules, in the order they are checked. The first failing rule is the
// answer, so cheap static rules come first and "busy" comes last: the reason
// reported is the most fundamental one (a request outside opening hours says
// OUTSIDE_OPENING_HOURS even if the staff member is also busy).
//   kLeadTime             S >= now + min_lead_time.
//   kBookingWindow        S <= now + max_advance.
//   kLocationClosed       the client range overlaps no closed local date
//                         (whole days in the location's zone).
//   kOutsideOpeningHours  the client range lies inside the opening hours,
//                         expanded on local days and merged, so hours that
//                         run to 24:00 and resume at 00:00 are continuous.
//   kNotQualified         the staff member holds every required
//                         qualification code valid on the local date of S.
//   kRoomLacksFeature     the room has every required feature.
//   kOutsideShift         the block lies inside the staff member's shifts at
//                         this location (back-to-back shifts merge).
//   kStaffOnBreak         the block overlaps none of their breaks.
//   kStaffTimeOff         the block overlaps none of their time off.
//   kStaffBusy            the block overlaps none of their busy ranges.
//   kRoomBusy             the block overlaps none of the room's busy ranges.
//   kClientBusy           the client range overlaps none of the client's
//                         busy ranges (which exclude buffers: turnover
//                         blocks staff and room, not the client).
// Slot alignment is NOT a rule: booking accepts any start. All weekly ranges
// are in the location's zone, resolved as local_time.h describes.
//
// These rules read a snapshot. The database still enforces no double booking
// at write time (ARCHITECTURE.md decision 5); a kNone here is necessary, not
// sufficient.
//
//   BookingConflict c = CheckBooking(location, service, staff, room, start,
//                                    absl::Now(), client_busy);
//   if (c != BookingConflict::kNone) {
//     // FAILED_PRECONDITION, ErrorInfo.reason = BookingConflictReason(c)
//   }
//
// REQUIRES for everything here: inputs pass the Validate*() functions in
// schedule.h, and times are finite.
#ifndef FASCIA_DOMAIN_BOOKING_RULES_H_
#define FASCIA_DOMAIN_BOOKING_RULES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "domain/interval.h"
#include "domain/schedule.h"

namespace fascia {
namespace domain {

enum class BookingConflict {
  kNone = 0,
  kLeadTime,
  kBookingWindow,
  kLocationClosed,
  kOutsideOpeningHours,
  kNotQualified,
  kRoomLacksFeature,
  kOutsideShift,
  kStaffOnBreak,
  kStaffTimeOff,
  kStaffBusy,
  kRoomBusy,
  kClientBusy,
};

// UPPER_SNAKE machine reason for google.rpc.ErrorInfo, e.g. "STAFF_BUSY";
// "NONE" for kNone.
std::string_view BookingConflictReason(BookingConflict conflict);
// A sentence for people, e.g. "the staff member already has an appointment
// at that time".
std::string_view BookingConflictMessage(BookingConflict conflict);

// Judges one appointment for booking. `client_busy`: the client's active
// appointments' ranges WITHOUT buffers (empty if there is no client).
BookingConflict CheckBooking(const LocationSchedule& location,
                             const ServiceSpec& service,
                             const StaffSchedule& staff,
                             const RoomSchedule& room, absl::Time start,
                             absl::Time now,
                             const std::vector<Interval>& client_busy);

// The rules above with their inputs precomputed for many starts in
// [earliest_start, latest_start]: weekly ranges expanded on the local days
// involved, busy lists normalized, qualifications resolved per day. Checks
// are then binary searches, with no allocation. Check() is the full rule
// list; the other members are its parts, for a search that hoists the parts
// that do not depend on the staff member or room out of its inner loop.
//
// Staff and rooms are referred to by index into the spans given. The
// evaluator copies what it needs; the arguments need not outlive it.
// Thread-safety: const methods may be called concurrently.
class BookingEvaluator {
 public:
  BookingEvaluator(const LocationSchedule& location, const ServiceSpec& service,
                   absl::Span<const StaffSchedule> staff,
                   absl::Span<const RoomSchedule> rooms,
                   absl::Time earliest_start, absl::Time latest_start,
                   absl::Time now, const std::vector<Interval>& client_busy);

  // REQUIRES: earliest_start <= start <= latest_start, staff < staff_count(),
  // room < room_count().
  BookingConflict Check(size_t staff, size_t room, absl::Time start) const;

  Interval ClientRange(absl::Time start) const {
    return {start, start + duration_};
  }
  Interval BlockRange(absl::Time start) const {
    return {start - buffer_before_, start + duration_ + buffer_after_};
  }

  // kLeadTime, kBookingWindow or kNone.
  BookingConflict CheckTiming(absl::Time start) const;
  // kLocationClosed, kOutsideOpeningHours or kNone.
  BookingConflict CheckLocation(absl::Time start) const;
  // `local_day` is the local date of the start in the location's zone.
  bool StaffQualified(size_t staff, absl::CivilDay local_day) const;
  bool RoomHasFeatures(size_t room) const { return room_has_features_[room]; }
  // The time checks take the start's ranges, BlockRange(start) or
  // ClientRange(start), so that a search computes them once per start
  // rather than once per staff member and room.
  // kOutsideShift, kStaffOnBreak, kStaffTimeOff, kStaffBusy or kNone.
  BookingConflict CheckStaffTime(size_t staff, const Interval& block) const;
  // REQUIRES: `block` is not empty (a service has a duration).
  // CheckStaffTime(staff, block) == kNone, in one binary search over the
  // staff member's free time (shifts less breaks, time off and busy time)
  // instead of four: for a search, which needs no reason.
  bool StaffFree(size_t staff, const Interval& block) const {
    return WithinAny(staff_[staff].free_time, block);
  }
  // False if no staff member's shifts hold `block`, so that CheckStaffTime
  // would answer kOutsideShift for every one of them: a search can skip the
  // start before looking at rooms and staff.
  bool AnyShiftHolds(const Interval& block) const {
    return WithinAny(all_shifts_, block);
  }
  bool RoomFree(size_t room, const Interval& block) const;
  bool ClientFree(const Interval& client_range) const;

  const absl::TimeZone& tz() const { return tz_; }
  size_t staff_count() const { return staff_.size(); }
  size_t room_count() const { return rooms_.size(); }

 private:
  struct StaffData {
    std::vector<Interval> shifts;  // each normalized
    std::vector<Interval> breaks;
    std::vector<Interval> time_off;
    std::vector<Interval> busy;
    std::vector<Interval> free_time;  // shifts less breaks, time off and busy
    std::vector<Qualification> qualifications;
  };

  absl::TimeZone tz_;
  absl::Duration duration_;
  absl::Duration buffer_before_;
  absl::Duration buffer_after_;
  absl::Time earliest_allowed_;  // now + min_lead_time
  absl::Time latest_allowed_;    // now + max_advance
  std::vector<std::string> required_qualifications_;
  std::vector<Interval> opening_;
  std::vector<Interval> closed_;
  std::vector<Interval> client_busy_;
  std::vector<StaffData> staff_;
  // The union of every staff member's shifts, normalized: a block inside
  // one member's shifts is inside one of its intervals.
  std::vector<Interval> all_shifts_;
  std::vector<std::vector<Interval>> rooms_;  // busy, normalized
  std::vector<bool> room_has_features_;
  // qualified_[staff * day_count_ + (day - first_day_)] for the local days
  // of [earliest_start, latest_start].
  absl::CivilDay first_day_;
  int64_t day_count_ = 0;
  std::vector<bool> qualified_;
};

}  // namespace domain
}  // namespace fascia

#endif  // FASCIA_DOMAIN_BOOKING_RULES_H_
