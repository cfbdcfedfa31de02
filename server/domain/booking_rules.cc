// The booking rules. See booking_rules.h for the rules and their order.
#include "domain/booking_rules.h"

#include <algorithm>

#include "domain/local_time.h"

namespace fascia {
namespace domain {
namespace {

bool HasCode(const std::vector<Qualification>& held, const std::string& code,
             absl::CivilDay day) {
  return std::any_of(held.begin(), held.end(), [&](const Qualification& q) {
    return q.code == code && q.ValidOn(day);
  });
}

bool HoldsAll(const std::vector<Qualification>& held,
              const std::vector<std::string>& required, absl::CivilDay day) {
  return std::all_of(
      required.begin(), required.end(),
      [&](const std::string& code) { return HasCode(held, code, day); });
}

bool HasAllFeatures(const std::vector<std::string>& features,
                    const std::vector<std::string>& required) {
  return std::all_of(required.begin(), required.end(),
                     [&](const std::string& f) {
                       return std::find(features.begin(), features.end(), f) !=
                              features.end();
                     });
}

}  // namespace

std::string_view BookingConflictReason(BookingConflict conflict) {
  switch (conflict) {
    case BookingConflict::kNone: return "NONE";
    case BookingConflict::kLeadTime: return "LEAD_TIME";
    case BookingConflict::kBookingWindow: return "BOOKING_WINDOW";
    case BookingConflict::kLocationClosed: return "LOCATION_CLOSED";
    case BookingConflict::kOutsideOpeningHours: return "OUTSIDE_OPENING_HOURS";
    case BookingConflict::kNotQualified: return "NOT_QUALIFIED";
    case BookingConflict::kRoomLacksFeature: return "ROOM_LACKS_FEATURE";
    case BookingConflict::kOutsideShift: return "OUTSIDE_SHIFT";
    case BookingConflict::kStaffOnBreak: return "STAFF_ON_BREAK";
    case BookingConflict::kStaffTimeOff: return "STAFF_TIME_OFF";
    case BookingConflict::kStaffBusy: return "STAFF_BUSY";
    case BookingConflict::kRoomBusy: return "ROOM_BUSY";
    case BookingConflict::kClientBusy: return "CLIENT_BUSY";
  }
  return "UNKNOWN";
}

std::string_view BookingConflictMessage(BookingConflict conflict) {
  switch (conflict) {
    case BookingConflict::kNone:
      return "the appointment can be booked";
    case BookingConflict::kLeadTime:
      return "the start is sooner than the location's minimum booking notice";
    case BookingConflict::kBookingWindow:
      return "the start is further ahead than the location accepts bookings";
    case BookingConflict::kLocationClosed:
      return "the location is closed on that date";
    case BookingConflict::kOutsideOpeningHours:
      return "the appointment is outside the location's opening hours";
    case BookingConflict::kNotQualified:
      return "the staff member does not hold a qualification the service "
             "requires, valid on that date";
    case BookingConflict::kRoomLacksFeature:
      return "the room lacks a feature the service requires";
    case BookingConflict::kOutsideShift:
      return "the appointment, with its buffers, is outside the staff "
             "member's shifts at this location";
    case BookingConflict::kStaffOnBreak:
      return "the appointment, with its buffers, overlaps the staff member's "
             "break";
    case BookingConflict::kStaffTimeOff:
      return "the staff member is on time off then";
    case BookingConflict::kStaffBusy:
      return "the staff member already has an appointment at that time";
    case BookingConflict::kRoomBusy:
      return "the room is already booked at that time";
    case BookingConflict::kClientBusy:
      return "the client already has an appointment at that time";
  }
  return "unknown booking conflict";
}

BookingConflict CheckBooking(const LocationSchedule& location,
                             const ServiceSpec& service,
                             const StaffSchedule& staff,
                             const RoomSchedule& room, absl::Time start,
                             absl::Time now,
                             const std::vector<Interval>& client_busy) {
  // An infinite start would make the evaluator expand weekly ranges over
  // every day there is; the timing rules refuse it anyway.
  if (start == absl::InfinitePast()) return BookingConflict::kLeadTime;
  if (start == absl::InfiniteFuture()) return BookingConflict::kBookingWindow;
  BookingEvaluator evaluator(location, service, absl::MakeConstSpan(&staff, 1),
                             absl::MakeConstSpan(&room, 1), start, start, now,
                             client_busy);
  return evaluator.Check(0, 0, start);
}

BookingEvaluator::BookingEvaluator(
    const LocationSchedule& location, const ServiceSpec& service,
    absl::Span<const StaffSchedule> staff, absl::Span<const RoomSchedule> rooms,
    absl::Time earliest_start, absl::Time latest_start, absl::Time now,
    const std::vector<Interval>& client_busy)
    : tz_(location.tz),
      duration_(service.duration),
      buffer_before_(service.buffer_before),
      buffer_after_(service.buffer_after),
      earliest_allowed_(now + location.min_lead_time),
      latest_allowed_(now + location.max_advance),
      required_qualifications_(service.required_qualifications) {
  // Weekly ranges are expanded one local day beyond every day a block can
  // touch, so a range merged across midnight is whole where it matters and
  // an offset change on the boundary day cannot cut a range short.
  const absl::CivilDay first =
      absl::ToCivilDay(BlockRange(earliest_start).start, tz_) - 1;
  const absl::CivilDay last =
      absl::ToCivilDay(BlockRange(latest_start).end, tz_) + 1;

  opening_ = ExpandWeekly(location.opening_hours, first, last, tz_);
  for (const Closure& c : location.closures) {
    if (c.last < first || last < c.first) continue;
    closed_.push_back(LocalDays(std::max(c.first, first),
                                std::min(c.last, last), tz_));
  }
  closed_ = Normalize(std::move(closed_));
  client_busy_ = Normalize(client_busy);

  first_day_ = absl::ToCivilDay(earliest_start, tz_);
  day_count_ =
      std::max<int64_t>(0, absl::ToCivilDay(latest_start, tz_) - first_day_ + 1);
  qualified_.resize(staff.size() * day_count_);
  staff_.reserve(staff.size());
  for (size_t i = 0; i < staff.size(); ++i) {
    const StaffSchedule& s = staff[i];
    StaffData data{ExpandWeekly(s.shifts, first, last, tz_),
                   ExpandWeekly(s.breaks, first, last, tz_),
                   Normalize(s.time_off),
                   Normalize(s.busy),
                   {},
                   s.qualifications};
    std::vector<Interval> away = data.breaks;
    away.insert(away.end(), data.time_off.begin(), data.time_off.end());
    away.insert(away.end(), data.busy.begin(), data.busy.end());
    data.free_time = Subtract(data.shifts, Normalize(std::move(away)));
    staff_.push_back(std::move(data));
    for (int64_t d = 0; d < day_count_; ++d) {
      qualified_[i * day_count_ + d] =
          HoldsAll(s.qualifications, required_qualifications_, first_day_ + d);
    }
    all_shifts_.insert(all_shifts_.end(), staff_.back().shifts.begin(),
                       staff_.back().shifts.end());
  }
  all_shifts_ = Normalize(std::move(all_shifts_));
  rooms_.reserve(rooms.size());
  room_has_features_.reserve(rooms.size());
  for (const RoomSchedule& r : rooms) {
    rooms_.push_back(Normalize(r.busy));
    room_has_features_.push_back(
        HasAllFeatures(r.features, service.required_room_features));
  }
}

BookingConflict BookingEvaluator::Check(size_t staff, size_t room,
                                        absl::Time start) const {
  BookingConflict c = CheckTiming(start);
  if (c != BookingConflict::kNone) return c;
  c = CheckLocation(start);
  if (c != BookingConflict::kNone) return c;
  if (!StaffQualified(staff, absl::ToCivilDay(start, tz_))) {
    return BookingConflict::kNotQualified;
  }
  if (!RoomHasFeatures(room)) return BookingConflict::kRoomLacksFeature;
  const Interval block = BlockRange(start);
  c = CheckStaffTime(staff, block);
  if (c != BookingConflict::kNone) return c;
  if (!RoomFree(room, block)) return BookingConflict::kRoomBusy;
  if (!ClientFree(ClientRange(start))) return BookingConflict::kClientBusy;
  return BookingConflict::kNone;
}

BookingConflict BookingEvaluator::CheckTiming(absl::Time start) const {
  if (start < earliest_allowed_) return BookingConflict::kLeadTime;
  if (start > latest_allowed_) return BookingConflict::kBookingWindow;
  return BookingConflict::kNone;
}

BookingConflict BookingEvaluator::CheckLocation(absl::Time start) const {
  const Interval client = ClientRange(start);
  if (OverlapsAny(closed_, client)) return BookingConflict::kLocationClosed;
  if (!WithinAny(opening_, client)) {
    return BookingConflict::kOutsideOpeningHours;
  }
  return BookingConflict::kNone;
}

bool BookingEvaluator::StaffQualified(size_t staff,
                                      absl::CivilDay local_day) const {
  const int64_t d = local_day - first_day_;
  if (d >= 0 && d < day_count_) return qualified_[staff * day_count_ + d];
  return HoldsAll(staff_[staff].qualifications, required_qualifications_,
                  local_day);
}

BookingConflict BookingEvaluator::CheckStaffTime(size_t staff,
                                                 const Interval& block) const {
  const StaffData& s = staff_[staff];
  if (!WithinAny(s.shifts, block)) return BookingConflict::kOutsideShift;
  if (OverlapsAny(s.breaks, block)) return BookingConflict::kStaffOnBreak;
  if (OverlapsAny(s.time_off, block)) return BookingConflict::kStaffTimeOff;
  if (OverlapsAny(s.busy, block)) return BookingConflict::kStaffBusy;
  return BookingConflict::kNone;
}

bool BookingEvaluator::RoomFree(size_t room, const Interval& block) const {
  return !OverlapsAny(rooms_[room], block);
}

bool BookingEvaluator::ClientFree(const Interval& client_range) const {
  return !OverlapsAny(client_busy_, client_range);
}

}  // namespace domain
}  // namespace fascia
