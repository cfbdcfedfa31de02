// The modification vocabulary of screening.md and its text form.
#include <map>
#include <string>

#include "fascia/plugin_forms.h"

namespace fascia::plugin_sdk {
namespace {

// code -> whether it takes an argument.
const std::map<std::string, bool>& Vocabulary() {
  static const auto* v = new std::map<std::string, bool>{
      {"NO_DEEP_PRESSURE", false}, {"MAX_PRESSURE", true},      {"AVOID_REGION", true},
      {"SIDE_LYING", false},       {"NO_FLAT_SUPINE", false},   {"NO_PRONE", false},
      {"NO_PERCUSSION", false},    {"NO_HEAT", false},          {"AVOID_POINTS", true},
      {"NO_ABDOMINAL_WORK", false}, {"SHORT_SESSION", false},   {"PRE_EVENT_FORMAT", false},
      {"FLUSH_ONLY", false},       {"PRODUCT_RESTRICTION", true},
  };
  return *v;
}

}  // namespace

bool IsKnownModification(const std::string& code) { return Vocabulary().count(code) > 0; }

bool ModificationTakesArgument(const std::string& code) {
  auto it = Vocabulary().find(code);
  return it != Vocabulary().end() && it->second;
}

std::string ModificationText(const pb::Modification& m) {
  if (m.argument().empty()) return m.code();
  return m.code() + "(" + m.argument() + ")";
}

}  // namespace fascia::plugin_sdk
