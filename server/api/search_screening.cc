// See search_screening.h.
#include "api/search_screening.h"

#include <algorithm>
#include <utility>

#include "api/screening_types.h"
#include "common/status_macros.h"

namespace fascia::api {

absl::StatusOr<std::vector<domain::DayRequirements>> ScreeningRequirementsByDay(
    storage::Connection& c, const std::string& client, const std::string& modality,
    absl::TimeZone zone, absl::Time from, absl::Time to, const screening::GatePolicy& policy,
    absl::Time now) {
  ASSIGN_OR_RETURN(auto screenings, LatestScreeningsByVisitDay(c, client, modality, zone));
  std::vector<domain::DayRequirements> days;
  if (screenings.empty()) return days;
  ASSIGN_OR_RETURN(std::vector<screening::ClearanceSummary> clearances, LoadClearances(c, client));
  for (auto it = screenings.lower_bound(absl::ToCivilDay(from, zone));
       it != screenings.end() && absl::FromCivil(it->first, zone) < to; ++it) {
    const absl::CivilDay day = it->first;
    const screening::GateDecision d =
        screening::DecideBooking(Summarize(it->second, zone), clearances, policy, now, day);
    if (!d.allowed) continue;
    if (d.required_qualifications.empty() && d.required_room_features.empty()) continue;
    domain::DayRequirements r;
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

}  // namespace fascia::api
