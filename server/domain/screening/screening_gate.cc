// DecideBooking; see screening_gate.h.
#include "domain/screening/screening_gate.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/screening/modifications.h"

namespace fascia::screening {
namespace {

GateDecision Blocked(std::string reason, std::string message, std::vector<std::string> rules = {}) {
  GateDecision d;
  d.reason = std::move(reason);
  d.message = std::move(message);
  d.rule_ids = std::move(rules);
  if (!d.rule_ids.empty()) d.message += ": " + absl::StrJoin(d.rule_ids, ", ");
  return d;
}

}  // namespace

std::set<std::string> ClearedRules(const std::vector<ClearanceSummary>& clearances,
                                   absl::CivilDay day) {
  std::set<std::string> rules;
  for (const auto& c : clearances) {
    if (c.valid_from <= day && day <= c.valid_to) rules.insert(c.rule_ids.begin(), c.rule_ids.end());
  }
  return rules;
}

GateDecision DecideBooking(const std::optional<ScreeningSummary>& latest,
                           const std::vector<ClearanceSummary>& clearances,
                           const GatePolicy& policy, absl::Time now, absl::CivilDay visit_day) {
  if (!latest || latest->time < now - policy.validity) {
    return Blocked("SCREENING_REQUIRED",
                   "the client needs a current intake screening for this modality before booking");
  }
  if (latest->visit_day != visit_day) {
    return Blocked("SCREENING_REQUIRED",
                   absl::StrCat("the client's screening for this modality was for a visit on ",
                                absl::FormatCivilTime(latest->visit_day),
                                "; its rules depend on the date, so screen again for the visit on ",
                                absl::FormatCivilTime(visit_day)));
  }
  if (latest->outcome == pb::SCREENING_UNAVAILABLE && !latest->overridden) {
    return Blocked("SCREENING_UNAVAILABLE",
                   "screening could not be completed; a person must review it (OverrideScreening)");
  }
  std::vector<std::string> contraindicated, uncleared;
  const std::set<std::string> cleared = ClearedRules(clearances, visit_day);
  for (const auto& f : latest->findings) {
    if (f.local()) continue;  // blocks a region, not the visit
    if (f.outcome() == pb::CONTRAINDICATED) contraindicated.push_back(f.rule_id());
    if (f.outcome() == pb::REQUIRES_CLEARANCE && cleared.count(f.rule_id()) == 0) {
      uncleared.push_back(f.rule_id());
    }
  }
  if (!contraindicated.empty()) {
    return Blocked("CONTRAINDICATED", "screening contraindicates this treatment", contraindicated);
  }
  if (!uncleared.empty()) {
    return Blocked("CLEARANCE_REQUIRED",
                   "a written provider clearance valid on the visit date is needed", uncleared);
  }
  GateDecision d;
  d.allowed = true;
  d.modifications = MergeModifications(latest->findings);
  for (const auto& f : latest->findings) {
    d.required_qualifications.insert(f.required_qualifications().begin(), f.required_qualifications().end());
    d.required_room_features.insert(f.required_room_features().begin(), f.required_room_features().end());
  }
  return d;
}

}  // namespace fascia::screening
