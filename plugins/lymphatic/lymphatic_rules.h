// The manual lymphatic drainage rules ML-1..ML-11 of
// shared/domain/screening.md, plus ML-PRESSURE (the table's last line:
// lymphatic drainage is always light pressure), as pure functions of the
// answers (enabled items only), the client's age, the clinic's settings, the
// clearances on file and the screening context (whose times move the
// gestation to the visit). No I/O, no clock, no shared state: safe to call
// from many threads at once.
#ifndef FASCIA_PLUGINS_LYMPHATIC_LYMPHATIC_RULES_H_
#define FASCIA_PLUGINS_LYMPHATIC_LYMPHATIC_RULES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "fascia/plugin_sdk.h"

namespace fascia::plugins::lymphatic {

namespace sdk = ::fascia::plugin_sdk;
namespace pb = ::fascia::plugin::v1;

// The client field the rules read (declared in the Descriptor).
inline constexpr char kAgeYears[] = "age_years";

// A clinic's configuration of the rules (see README.md for the keys).
struct RuleSettings {
  int64_t neck_clearance_age = 60;  // ML-8: older clients need clearance for neck work
};

// A rule: its id and title (listed in the Descriptor) and its test, which
// returns the finding when the rule fires.
struct Rule {
  const char* id;
  const char* title;
  std::optional<pb::Finding> (*fire)(const sdk::ScreenInput& input, const RuleSettings& settings);
};

// Every rule, in table order, ML-PRESSURE last.
const std::vector<Rule>& Rules();

// The findings of every rule that fires; never empty (ML-PRESSURE always
// fires).
std::vector<pb::Finding> ScreenAll(const sdk::ScreenInput& input, const RuleSettings& settings);

}  // namespace fascia::plugins::lymphatic

#endif  // FASCIA_PLUGINS_LYMPHATIC_LYMPHATIC_RULES_H_
