// The booking gate: may this client be booked for a service of a screened
// modality, and on what terms? Pure decision over what the caller loaded.
//
//   GateDecision d = DecideBooking(latest, clearances, policy, now, visit_day);
//   if (!d.allowed) -> FAILED_PRECONDITION with d.reason naming d.rule_ids
//   else the appointment carries d.modifications, and the staff member and
//   room must meet d.required_qualifications / d.required_room_features on
//   the visit date.
//
// Rules (screening.md "Outcomes"):
// - no screening of this client for this modality within the validity
//   window, or the newest one screened a visit on another local date:
//   SCREENING_REQUIRED (answers expire, and the rules depend on the visit's
//   date: weeks of gestation, hours since an injury, weeks since surgery,
//   an event's timing; re-screen per visit);
// - SCREENING_UNAVAILABLE: blocked until a person overrides it;
// - CONTRAINDICATED (a non-local finding): blocked, naming the rules;
// - REQUIRES_CLEARANCE: blocked unless, for every such non-local finding, a
//   clearance naming its rule is valid on the visit date;
// - otherwise (CLEAR or CAUTION, or satisfied clearances): allowed, with the
//   merged modifications (modifications.h).
#ifndef FASCIA_DOMAIN_SCREENING_SCREENING_GATE_H_
#define FASCIA_DOMAIN_SCREENING_SCREENING_GATE_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "fascia/plugin/v1/plugin.pb.h"

namespace fascia::screening {

namespace pb = ::fascia::plugin::v1;

// The client's screening for the modality: the newest one for the visit's
// date if there is one, else the newest (to say which date it screened).
struct ScreeningSummary {
  pb::Outcome outcome = pb::OUTCOME_UNSPECIFIED;
  google::protobuf::RepeatedPtrField<pb::Finding> findings;
  absl::Time time;          // when it was done
  absl::CivilDay visit_day;  // the local date of the visit it screened
  bool overridden = false;  // a person reviewed a SCREENING_UNAVAILABLE
};

struct ClearanceSummary {
  std::set<std::string> rule_ids;
  absl::CivilDay valid_from;  // inclusive
  absl::CivilDay valid_to;    // inclusive
};

struct GatePolicy {
  absl::Duration validity = absl::Hours(24 * 7);
};

struct GateDecision {
  bool allowed = false;
  // When blocked: SCREENING_REQUIRED, SCREENING_UNAVAILABLE, CONTRAINDICATED
  // or CLEARANCE_REQUIRED, a message, and the rules concerned.
  std::string reason;
  std::string message;
  std::vector<std::string> rule_ids;
  // When allowed:
  std::vector<std::string> modifications;
  std::set<std::string> required_qualifications;
  std::set<std::string> required_room_features;
};

GateDecision DecideBooking(const std::optional<ScreeningSummary>& latest,
                           const std::vector<ClearanceSummary>& clearances,
                           const GatePolicy& policy, absl::Time now, absl::CivilDay visit_day);

// Rule ids with a clearance valid on `day` (for ScreenRequest.clearances_on_file).
std::set<std::string> ClearedRules(const std::vector<ClearanceSummary>& clearances,
                                   absl::CivilDay day);

}  // namespace fascia::screening

#endif  // FASCIA_DOMAIN_SCREENING_SCREENING_GATE_H_
