// See availability_by_day.h.
#include "domain/availability_by_day.h"

#include "common/status_macros.h"

namespace fascia::domain {

absl::StatusOr<std::vector<Slot>> FindSlotsByDay(const LocationSchedule& location,
                                                 const ServiceSpec& service,
                                                 const std::vector<StaffSchedule>& staff,
                                                 const std::vector<RoomSchedule>& rooms,
                                                 const SlotQuery& query,
                                                 const std::vector<DayRequirements>& days) {
  if (days.empty()) return FindSlots(location, service, staff, rooms, query);
  // The range in pieces, in time order: each piece's slots start within it,
  // so the pieces' results, one after another, are in (start, staff) order.
  std::vector<Slot> slots;
  auto search = [&](absl::Time start, absl::Time end, const ServiceSpec& spec) -> absl::Status {
    if (start >= end || slots.size() >= query.limit) return absl::OkStatus();
    SlotQuery piece = query;
    piece.range = {start, end};
    piece.limit = query.limit - slots.size();
    ASSIGN_OR_RETURN(std::vector<Slot> found, FindSlots(location, spec, staff, rooms, piece));
    slots.insert(slots.end(), found.begin(), found.end());
    return absl::OkStatus();
  };
  absl::Time done = query.range.start;
  for (const DayRequirements& day : days) {
    RETURN_IF_ERROR(search(done, day.start, service));
    ServiceSpec that_day = service;
    for (const auto& q : day.required_qualifications) that_day.required_qualifications.push_back(q);
    for (const auto& f : day.required_room_features) that_day.required_room_features.push_back(f);
    RETURN_IF_ERROR(search(day.start, day.end, that_day));
    done = day.end;
  }
  RETURN_IF_ERROR(search(done, query.range.end, service));
  return slots;
}

}  // namespace fascia::domain
