// Availability when some days of the range carry requirements of their own:
// a client's screening counts for the local date of the visit it screened,
// so a search for that client meets different qualifications and room
// features from one day to the next (api/search_screening.h finds them).
//
//   std::vector<DayRequirements> days = ...;  // in order, within query.range
//   ASSIGN_OR_RETURN(std::vector<Slot> slots,
//                    FindSlotsByDay(location, service, staff, rooms, query, days));
//
// Thread-safety: pure function.
#ifndef FASCIA_DOMAIN_AVAILABILITY_BY_DAY_H_
#define FASCIA_DOMAIN_AVAILABILITY_BY_DAY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/availability.h"
#include "domain/schedule.h"

namespace fascia::domain {

struct DayRequirements {
  absl::Time start, end;  // the local day's part of the search range
  std::vector<std::string> required_qualifications;
  std::vector<std::string> required_room_features;
};

// FindSlots over query.range, with each of `days` (in order, disjoint,
// within the range) searched with its requirements added to `service`'s.
// The same contract as FindSlots: up to query.limit slots in
// (start, staff_index) order, after query.resume_after.
absl::StatusOr<std::vector<Slot>> FindSlotsByDay(const LocationSchedule& location,
                                                 const ServiceSpec& service,
                                                 const std::vector<StaffSchedule>& staff,
                                                 const std::vector<RoomSchedule>& rooms,
                                                 const SlotQuery& query,
                                                 const std::vector<DayRequirements>& days);

}  // namespace fascia::domain

#endif  // FASCIA_DOMAIN_AVAILABILITY_BY_DAY_H_
