// The prenatal screening rules PN-1..PN-11 of shared/domain/screening.md as
// pure functions of the answers (enabled items only), the clinic's settings
// and the screening context, whose screening and appointment times move timed
// answers to the visit. No I/O, no clock, no shared state: safe to call from
// many threads at once.
#ifndef FASCIA_PLUGINS_PRENATAL_PRENATAL_RULES_H_
#define FASCIA_PLUGINS_PRENATAL_PRENATAL_RULES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "fascia/plugin_sdk.h"

namespace fascia::plugins::prenatal {

namespace sdk = ::fascia::plugin_sdk;
namespace pb = ::fascia::plugin::v1;

// A clinic's configuration of the rules (see README.md for the keys).
struct RuleSettings {
  pb::Outcome pn1_outcome = pb::CAUTION;  // PN-1: CAUTION or REQUIRES_CLEARANCE
  int64_t bolsters_from_week = 13;        // room feature "prenatal-bolsters" from this week
  int64_t flat_supine_from_week = 20;     // PN-3 fires from this week
};

// A rule: its id and title (listed in the Descriptor) and its test, which
// returns the finding when the rule fires.
struct Rule {
  const char* id;
  const char* title;
  std::optional<pb::Finding> (*fire)(const sdk::ScreenInput& input, const RuleSettings& settings);
};

// Every rule, in table order.
const std::vector<Rule>& Rules();

// The findings of every rule that fires; empty means CLEAR.
std::vector<pb::Finding> ScreenAll(const sdk::ScreenInput& input, const RuleSettings& settings);

}  // namespace fascia::plugins::prenatal

#endif  // FASCIA_PLUGINS_PRENATAL_PRENATAL_RULES_H_
