// The sports screening rules SP-1..SP-8 of shared/domain/screening.md as
// pure functions of the answers (enabled items only), the clinic's settings
// and the screening context, whose screening and appointment times move timed
// answers to the visit. No I/O, no clock, no shared state: safe to call from
// many threads at once.
#ifndef FASCIA_PLUGINS_SPORTS_SPORTS_RULES_H_
#define FASCIA_PLUGINS_SPORTS_SPORTS_RULES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "fascia/plugin_sdk.h"

namespace fascia::plugins::sports {

namespace sdk = ::fascia::plugin_sdk;
namespace pb = ::fascia::plugin::v1;

// A clinic's configuration of the rules (see README.md for the keys).
struct RuleSettings {
  int64_t acute_injury_hours = 72;  // SP-1: younger injuries are CONTRAINDICATED locally
  int64_t pre_event_hours = 48;     // SP-4: an event this close gets the pre-event format
  int64_t post_event_hours = 24;    // SP-5: an event this recent gets a flush only
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

}  // namespace fascia::plugins::sports

#endif  // FASCIA_PLUGINS_SPORTS_SPORTS_RULES_H_
