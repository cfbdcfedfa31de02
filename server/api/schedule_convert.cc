// Proto -> domain scheduling conversions; see schedule_convert.h.
#include "api/schedule_convert.h"

#include "api/field_checks.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

absl::Weekday ToWeekday(v1::DayOfWeek day) {
  switch (day) {
    case v1::MONDAY: return absl::Weekday::monday;
    case v1::TUESDAY: return absl::Weekday::tuesday;
    case v1::WEDNESDAY: return absl::Weekday::wednesday;
    case v1::THURSDAY: return absl::Weekday::thursday;
    case v1::FRIDAY: return absl::Weekday::friday;
    case v1::SATURDAY: return absl::Weekday::saturday;
    default: return absl::Weekday::sunday;
  }
}

domain::WeeklyInterval ToWeekly(const v1::WeeklyInterval& w) {
  return {ToWeekday(w.day()), w.start().hours() * 60 + w.start().minutes(),
          w.end().hours() * 60 + w.end().minutes()};
}

absl::CivilDay ToCivilDay(const v1::Date& d) { return absl::CivilDay(d.year(), d.month(), d.day()); }

}  // namespace

domain::LocationSchedule ToLocationSchedule(const v1::Location& location) {
  domain::LocationSchedule s;
  absl::LoadTimeZone(location.time_zone(), &s.tz);
  for (const auto& w : location.opening_hours()) s.opening_hours.push_back(ToWeekly(w));
  for (const auto& c : location.closures()) {
    s.closures.push_back({ToCivilDay(c.start_date()), ToCivilDay(c.end_date())});
  }
  const auto& policy = location.booking_policy();
  s.min_lead_time = ToDuration(policy.min_lead_time());
  s.max_advance = policy.has_max_advance() ? ToDuration(policy.max_advance()) : absl::Hours(24 * 90);
  if (policy.has_slot_interval() && ToDuration(policy.slot_interval()) > absl::ZeroDuration()) {
    s.slot_interval = ToDuration(policy.slot_interval());
  }
  return s;
}

domain::StaffSchedule ToStaffSchedule(const v1::StaffMember& staff, const std::string& location) {
  domain::StaffSchedule s;
  s.id = staff.name();
  for (const auto& q : staff.qualifications()) {
    domain::Qualification dq;
    dq.code = q.code();
    if (q.has_valid_from()) dq.valid_from = ToCivilDay(q.valid_from());
    if (q.has_valid_to()) dq.valid_to = ToCivilDay(q.valid_to());
    s.qualifications.push_back(std::move(dq));
  }
  for (const auto& shift : staff.shifts()) {
    if (shift.location() == location) s.shifts.push_back(ToWeekly(shift.interval()));
  }
  for (const auto& b : staff.breaks()) s.breaks.push_back(ToWeekly(b));
  for (const auto& off : staff.time_off()) {
    s.time_off.push_back({ToTime(off.range().start_time()), ToTime(off.range().end_time())});
  }
  return s;
}

domain::RoomSchedule ToRoomSchedule(const v1::Room& room) {
  domain::RoomSchedule s;
  s.id = room.name();
  s.features.assign(room.features().begin(), room.features().end());
  return s;
}

domain::ServiceSpec ToServiceSpec(const v1::Service& service) {
  domain::ServiceSpec s;
  s.duration = ToDuration(service.duration());
  s.buffer_before = ToDuration(service.buffer_before());
  s.buffer_after = ToDuration(service.buffer_after());
  s.required_qualifications.assign(service.required_qualifications().begin(),
                                   service.required_qualifications().end());
  s.required_room_features.assign(service.required_room_features().begin(),
                                  service.required_room_features().end());
  return s;
}

domain::AppointmentStatus ToDomainStatus(v1::AppointmentStatus status) {
  switch (status) {
    case v1::ARRIVED: return domain::AppointmentStatus::kArrived;
    case v1::CHECKED_IN: return domain::AppointmentStatus::kCheckedIn;
    case v1::FULFILLED: return domain::AppointmentStatus::kFulfilled;
    case v1::CANCELLED: return domain::AppointmentStatus::kCancelled;
    case v1::NOSHOW: return domain::AppointmentStatus::kNoShow;
    case v1::ENTERED_IN_ERROR: return domain::AppointmentStatus::kEnteredInError;
    default: return domain::AppointmentStatus::kBooked;
  }
}

v1::AppointmentStatus ToProtoStatus(domain::AppointmentStatus status) {
  switch (status) {
    case domain::AppointmentStatus::kBooked: return v1::BOOKED;
    case domain::AppointmentStatus::kArrived: return v1::ARRIVED;
    case domain::AppointmentStatus::kCheckedIn: return v1::CHECKED_IN;
    case domain::AppointmentStatus::kFulfilled: return v1::FULFILLED;
    case domain::AppointmentStatus::kCancelled: return v1::CANCELLED;
    case domain::AppointmentStatus::kNoShow: return v1::NOSHOW;
    case domain::AppointmentStatus::kEnteredInError: return v1::ENTERED_IN_ERROR;
  }
  return v1::APPOINTMENT_STATUS_UNSPECIFIED;
}

}  // namespace fascia::api
