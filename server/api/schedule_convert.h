// Conversions from stored fascia.v1 resources to the domain's scheduling
// types (domain/schedule.h), and between the two appointment status enums.
//
// REQUIRES: the resources passed were validated on write (resource_types.h),
// so time zones load and intervals are well formed.
#ifndef FASCIA_API_SCHEDULE_CONVERT_H_
#define FASCIA_API_SCHEDULE_CONVERT_H_

#include <optional>

#include "domain/appointment_status.h"
#include "domain/schedule.h"
#include "fascia/v1/resources.pb.h"

namespace fascia::api {

domain::LocationSchedule ToLocationSchedule(const fascia::v1::Location& location);
// Shifts are those at `location` only; busy ranges are left for the caller.
domain::StaffSchedule ToStaffSchedule(const fascia::v1::StaffMember& staff,
                                      const std::string& location);
domain::RoomSchedule ToRoomSchedule(const fascia::v1::Room& room);
domain::ServiceSpec ToServiceSpec(const fascia::v1::Service& service);

domain::AppointmentStatus ToDomainStatus(fascia::v1::AppointmentStatus status);
fascia::v1::AppointmentStatus ToProtoStatus(domain::AppointmentStatus status);

}  // namespace fascia::api

#endif  // FASCIA_API_SCHEDULE_CONVERT_H_
