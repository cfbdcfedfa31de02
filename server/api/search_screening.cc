// See search_screening.h.
#include "api/search_screening.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "api/screening_types.h"
#include "common/status_macros.h"

namespace fascia::api {

absl::StatusOr<std::vector<DayRequirements>> ScreeningRequirementsByDay(
    storage::Connection& c, const std::string& client, const std::string& modality,
    absl::TimeZone zone, absl::Time from, absl::Time to, const screening::GatePolicy& policy,
    absl::Time now) {
  ASSIGN_OR_RETURN(auto screenings, LatestScreeningsByVisitDay(c, client, modality, zone));
  std::vector<DayRequirements> days;
  if (screenings.empty()) return days;
  ASSIGN_OR_RETURN(std::vector<screening::ClearanceSummary> clearances, LoadClearances(c, client));
  for (auto it = screenings.lower_bound(absl::ToCivilDay(from, zone));
       it != screenings.end() && absl::FromCivil(it->first, zone) < to; ++it) {
    const absl::CivilDay day = it->first;
    const screening::GateDecision d =
        screening::DecideBooking(Summarize(it->second, zone), clearances, policy, now, day);
    if (!d.allowed) continue;
    if (d.required_qualifications.empty() && d.required_room_features.empty()) continue;
    DayRequirements r;
    r.start = std::max(from, absl::FromCivil(day, zone));
    r.end = std::min(to, absl::FromCivil(day + 1, zone));
    r.required_qualifications.assign(d.required_qualifications.begin(),
                                     d.required_qualifications.end());
    r.required_room_features.assign(d.required_room_features.begin(),
                                    d.required_room_features.end());
    days.push_back(std::move(r));
  }
  return days;
}

absl::StatusOr<std::vector<domain::Slot>> FindSlotsByDay(
    const domain::LocationSchedule& location, const domain::ServiceSpec& service,
    const std::vector<domain::StaffSchedule>& staff, const std::vector<domain::RoomSchedule>& rooms,
    const domain::SlotQuery& query, const std::vector<DayRequirements>& days) {
  if (days.empty()) return domain::FindSlots(location, service, staff, rooms, query);
  // The range in pieces, in time order: each piece's slots start within it,
  // so the pieces' results, one after another, are in (start, staff) order.
  std::vector<domain::Slot> slots;
  auto search = [&](absl::Time start, absl::Time end,
                    const domain::ServiceSpec& spec) -> absl::Status {
    if (start >= end || slots.size() >= query.limit) return absl::OkStatus();
    domain::SlotQuery piece = query;
    piece.range = {start, end};
    piece.limit = query.limit - slots.size();
    ASSIGN_OR_RETURN(std::vector<domain::Slot> found,
                     domain::FindSlots(location, spec, staff, rooms, piece));
    slots.insert(slots.end(), found.begin(), found.end());
    return absl::OkStatus();
  };
  absl::Time done = query.range.start;
  for (const DayRequirements& day : days) {
    RETURN_IF_ERROR(search(done, day.start, service));
    domain::ServiceSpec screened = service;
    for (const auto& q : day.required_qualifications) screened.required_qualifications.push_back(q);
    for (const auto& f : day.required_room_features) screened.required_room_features.push_back(f);
    RETURN_IF_ERROR(search(day.start, day.end, screened));
    done = day.end;
  }
  RETURN_IF_ERROR(search(done, query.range.end, service));
  return slots;
}

}  // namespace fascia::api
