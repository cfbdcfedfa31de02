// Private to the Scheduler (scheduler_*.cc): what one booking decision
// needs, loaded once by LoadBooking and completed by the screening gate, the
// proposal a decision makes, and the cache-filling read that booking and
// search share.
#ifndef FASCIA_API_SCHEDULER_BOOKING_H_
#define FASCIA_API_SCHEDULER_BOOKING_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/config_cache.h"
#include "api/resource_types.h"
#include "api/scheduler.h"
#include "common/status_macros.h"
#include "domain/booking_rules.h"
#include "domain/schedule.h"
#include "fascia/v1/resources.pb.h"

namespace fascia::api {

struct Scheduler::Booking {
  // Possibly from the ConfigCache: the write transaction checks that their
  // etags (revisions) are still current before it writes.
  std::shared_ptr<const fascia::v1::Location> location;
  std::shared_ptr<const fascia::v1::Service> service;
  std::shared_ptr<const fascia::v1::StaffMember> staff;
  std::shared_ptr<const fascia::v1::Room> room;
  domain::LocationSchedule location_schedule;
  domain::ServiceSpec spec;
  domain::StaffSchedule staff_schedule;
  domain::RoomSchedule room_schedule;
  // From the screening gate: what the appointment carries.
  std::vector<std::string> modifications;
  std::string screening;
};

// A decided booking: the appointment to write, and the configuration it was
// decided on, which must still be current when it is written.
struct Scheduler::Proposal {
  fascia::v1::Appointment appointment;
  std::vector<std::string> decided_on;  // location, service, staff member, room
  std::vector<int64_t> revisions;       // of each, in the same order
};

// Reads `name` in `c` as LoadReferenced does (a missing or deleted resource
// is an error naming `field`) and puts what was read in `cache`.
template <typename T>
absl::StatusOr<std::shared_ptr<const T>> ReadAndCache(storage::Connection& c, ConfigCache& cache,
                                                      absl::string_view kind,
                                                      const std::string& name,
                                                      const std::string& field) {
  ASSIGN_OR_RETURN(T item, LoadReferenced<T>(c, kind, name, field));
  auto read = std::make_shared<const T>(std::move(item));
  cache.Put(name, read);
  return read;
}

}  // namespace fascia::api

#endif  // FASCIA_API_SCHEDULER_BOOKING_H_
