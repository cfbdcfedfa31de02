// Availability search for a named client whose service is screened: the
// requirements the client's screenings add, day by day (ADR 0005).
//
//   ASSIGN_OR_RETURN(std::vector<DayRequirements> days,
//                    ScreeningRequirementsByDay(c, client, modality, zone, from, to,
//                                               policy, now));
//   ASSIGN_OR_RETURN(std::vector<domain::Slot> slots,
//                    domain::FindSlotsByDay(location, service, staff, rooms, query, days));
//
// A screening counts for the local date of the visit it screened (the
// booking gate's rule), so a search over two weeks can meet a different
// screening on each day. A day gets requirements only when the client's
// screening for it lets the booking through (screening_gate.h DecideBooking)
// and its rules need qualifications or room features (a bolstered room after
// 13 weeks of pregnancy, say): each offer that day then names a therapist and
// a room the booking will accept. The refusals (no or an expired screening
// for that day, CONTRAINDICATED, a clearance missing) are left to booking,
// which names the reason: a search can only leave slots out, without one, and
// the front desk searches for a day to screen for before screening.
#ifndef FASCIA_API_SEARCH_SCREENING_H_
#define FASCIA_API_SEARCH_SCREENING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/availability_by_day.h"
#include "domain/screening/screening_gate.h"
#include "storage/database.h"

namespace fascia::api {

// The days of [from, to) (local days in `zone`), in order, on which the
// client's screening for `modality` adds requirements; inside the caller's
// read transaction.
absl::StatusOr<std::vector<domain::DayRequirements>> ScreeningRequirementsByDay(
    storage::Connection& c, const std::string& client, const std::string& modality,
    absl::TimeZone zone, absl::Time from, absl::Time to, const screening::GatePolicy& policy,
    absl::Time now);

}  // namespace fascia::api

#endif  // FASCIA_API_SEARCH_SCREENING_H_
