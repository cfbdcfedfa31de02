// What crosses to and from a plugin at screening time, decided by rules
// rather than by the API layer:
// - ClientFieldsFor: only the client record fields a plugin declared
//   (Descriptor.client_fields), computed for the visit date;
// - UsableScreenResponse: whether a plugin's reply may be trusted; one that
//   is not counts as a plugin failure (fail closed).
#ifndef FASCIA_DOMAIN_SCREENING_SCREENING_INPUTS_H_
#define FASCIA_DOMAIN_SCREENING_SCREENING_INPUTS_H_

#include <map>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "fascia/plugin/v1/plugin.pb.h"

namespace fascia::screening {

namespace pb = ::fascia::plugin::v1;

// Completed years of age on `day`.
int AgeInYears(absl::CivilDay birth, absl::CivilDay day);

// "birth_date" (Value.date) and "age_years" (Value.integer on `visit_day`)
// for the declared names among them; nothing without a birth date.
std::map<std::string, pb::Value> ClientFieldsFor(
    const google::protobuf::RepeatedPtrField<std::string>& declared,
    std::optional<absl::CivilDay> birth, absl::CivilDay visit_day);

// At most 200 findings, each with a rule id (<= 32 chars), a message
// (<= 1000), an outcome CLEAR..CONTRAINDICATED, and modifications from the
// vocabulary with an argument exactly when the code takes one.
bool UsableScreenResponse(const pb::ScreenResponse& response);

}  // namespace fascia::screening

#endif  // FASCIA_DOMAIN_SCREENING_SCREENING_INPUTS_H_
