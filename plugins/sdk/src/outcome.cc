// Outcomes: aggregation (the maximum, local findings as CAUTION), names, and
// the small finding builders; see plugin_forms.h.
#include "fascia/plugin_forms.h"

namespace fascia::plugin_sdk {

pb::Outcome OutcomeOf(const google::protobuf::RepeatedPtrField<pb::Finding>& findings) {
  pb::Outcome worst = pb::CLEAR;
  for (const auto& f : findings) {
    pb::Outcome o = f.local() && f.outcome() > pb::CAUTION ? pb::CAUTION : f.outcome();
    if (o > worst) worst = o;
  }
  return worst;
}

std::string OutcomeName(pb::Outcome outcome) {
  switch (outcome) {
    case pb::CLEAR: return "CLEAR";
    case pb::CAUTION: return "CAUTION";
    case pb::REQUIRES_CLEARANCE: return "REQUIRES_CLEARANCE";
    case pb::CONTRAINDICATED: return "CONTRAINDICATED";
    case pb::SCREENING_UNAVAILABLE: return "SCREENING_UNAVAILABLE";
    default: return "OUTCOME_UNSPECIFIED";
  }
}

std::optional<pb::Outcome> OutcomeFromName(const std::string& name) {
  for (pb::Outcome o : {pb::CLEAR, pb::CAUTION, pb::REQUIRES_CLEARANCE, pb::CONTRAINDICATED,
                        pb::SCREENING_UNAVAILABLE}) {
    if (OutcomeName(o) == name) return o;
  }
  return std::nullopt;
}

pb::FieldError MakeFieldError(const std::string& field, const std::string& description) {
  pb::FieldError e;
  e.set_field(field);
  e.set_description(description);
  return e;
}

pb::Finding MakeFinding(const std::string& rule_id, pb::Outcome outcome,
                        const std::string& message) {
  pb::Finding f;
  f.set_rule_id(rule_id);
  f.set_outcome(outcome);
  f.set_message(message);
  return f;
}

pb::Finding& AddModification(pb::Finding& finding, const std::string& code,
                             const std::string& argument) {
  pb::Modification* m = finding.add_modifications();
  m->set_code(code);
  m->set_argument(argument);
  return finding;
}

}  // namespace fascia::plugin_sdk
