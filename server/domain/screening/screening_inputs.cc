// Screening inputs and replies; see screening_inputs.h.
#include "domain/screening/screening_inputs.h"

#include "absl/strings/str_format.h"
#include "fascia/plugin_forms.h"

namespace fascia::screening {

namespace {
constexpr int kMaxFindings = 200;
}  // namespace

int AgeInYears(absl::CivilDay birth, absl::CivilDay day) {
  int age = static_cast<int>(day.year() - birth.year());
  if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day())) --age;
  return age;
}

std::map<std::string, pb::Value> ClientFieldsFor(
    const google::protobuf::RepeatedPtrField<std::string>& declared,
    std::optional<absl::CivilDay> birth, absl::CivilDay visit_day) {
  std::map<std::string, pb::Value> fields;
  if (!birth) return fields;
  for (const auto& name : declared) {
    pb::Value value;
    if (name == "birth_date") {
      value.set_date(absl::StrFormat("%04d-%02d-%02d", birth->year(), birth->month(), birth->day()));
    } else if (name == "age_years") {
      value.set_integer(AgeInYears(*birth, visit_day));
    } else {
      continue;
    }
    fields[name] = value;
  }
  return fields;
}

bool UsableScreenResponse(const pb::ScreenResponse& r) {
  if (r.findings_size() > kMaxFindings) return false;
  for (const auto& f : r.findings()) {
    if (f.rule_id().empty() || f.rule_id().size() > 32 || f.message().size() > 1000) return false;
    if (f.outcome() < pb::CLEAR || f.outcome() > pb::CONTRAINDICATED) return false;
    for (const auto& m : f.modifications()) {
      if (!plugin_sdk::IsKnownModification(m.code())) return false;
      if (plugin_sdk::ModificationTakesArgument(m.code()) == m.argument().empty()) return false;
    }
  }
  return true;
}

}  // namespace fascia::screening
