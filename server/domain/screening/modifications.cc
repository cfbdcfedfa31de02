// MergeModifications; see modifications.h.
#include "domain/screening/modifications.h"

#include <set>

#include "fascia/plugin_forms.h"

namespace fascia::screening {
namespace {

namespace pb = ::fascia::plugin::v1;

// 0 for an unknown level, which then does not clamp.
int PressureRank(const std::string& level) {
  if (level == "light") return 1;
  if (level == "medium") return 2;
  if (level == "firm") return 3;
  if (level == "deep") return 4;
  return 0;
}

const char* kLevels[] = {"", "light", "medium", "firm", "deep"};

}  // namespace

std::vector<std::string> MergeModifications(
    const google::protobuf::RepeatedPtrField<pb::Finding>& findings) {
  std::set<std::string> texts;
  int max_pressure = 0;  // 0: no ceiling
  bool no_deep = false;
  for (const auto& f : findings) {
    bool avoids_region = false;
    for (const auto& m : f.modifications()) {
      if (m.code() == "MAX_PRESSURE" && PressureRank(m.argument()) > 0) {
        int rank = PressureRank(m.argument());
        max_pressure = max_pressure == 0 ? rank : std::min(max_pressure, rank);
        continue;
      }
      if (m.code() == "NO_DEEP_PRESSURE") no_deep = true;
      if (m.code() == "AVOID_REGION" && m.argument() == f.region().site()) avoids_region = true;
      texts.insert(plugin_sdk::ModificationText(m));
    }
    if (f.local() && f.outcome() >= pb::REQUIRES_CLEARANCE && !f.region().site().empty() &&
        !avoids_region) {
      pb::Modification avoid;
      avoid.set_code("AVOID_REGION");
      avoid.set_argument(f.region().site());
      texts.insert(plugin_sdk::ModificationText(avoid));
    }
  }
  if (no_deep && (max_pressure == 0 || max_pressure > 3)) max_pressure = 3;
  if (max_pressure > 0) texts.insert(std::string("MAX_PRESSURE(") + kLevels[max_pressure] + ")");
  return {texts.begin(), texts.end()};
}

}  // namespace fascia::screening
