// Private to the Scheduler (scheduler_*.cc): what one booking decision
// needs, loaded once by LoadBooking and completed by the screening gate.
#ifndef FASCIA_API_SCHEDULER_BOOKING_H_
#define FASCIA_API_SCHEDULER_BOOKING_H_

#include <string>
#include <vector>

#include "api/scheduler.h"
#include "domain/booking_rules.h"
#include "domain/schedule.h"
#include "fascia/v1/resources.pb.h"

namespace fascia::api {

struct Scheduler::Booking {
  fascia::v1::Location location;
  fascia::v1::Service service;
  fascia::v1::StaffMember staff;
  fascia::v1::Room room;
  domain::LocationSchedule location_schedule;
  domain::ServiceSpec spec;
  domain::StaffSchedule staff_schedule;
  domain::RoomSchedule room_schedule;
  // From the screening gate: what the appointment carries.
  std::vector<std::string> modifications;
  std::string screening;
};

}  // namespace fascia::api

#endif  // FASCIA_API_SCHEDULER_BOOKING_H_
