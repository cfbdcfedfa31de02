// The prenatal intake form: its stable link_ids and option codes, the form
// definition the plugin describes, and the checks the SDK's generic form
// validation cannot express.
//
// Every question except pn.pregnant lives in the group pn.pregnancy, which is
// enabled only when pn.pregnant is true: a client who is not pregnant answers
// nothing else, and stale answers to the group are ignored.
#ifndef FASCIA_PLUGINS_PRENATAL_PRENATAL_FORM_H_
#define FASCIA_PLUGINS_PRENATAL_PRENATAL_FORM_H_

#include <vector>

#include "fascia/plugin_forms.h"

namespace fascia::plugins::prenatal {

namespace sdk = ::fascia::plugin_sdk;
namespace pb = ::fascia::plugin::v1;

inline constexpr char kFormId[] = "prenatal-intake";
inline constexpr char kFormVersion[] = "1";

// Link ids: stable, never reused for another question.
inline constexpr char kPregnant[] = "pn.pregnant";                 // BOOLEAN
inline constexpr char kPregnancyGroup[] = "pn.pregnancy";          // GROUP
inline constexpr char kGestationWeeks[] = "pn.gestation_weeks";    // INTEGER 0..44
inline constexpr char kWarningSigns[] = "pn.warning_signs";        // CHOICE, repeats
inline constexpr char kCalfSide[] = "pn.calf_side";                // CHOICE
inline constexpr char kConditions[] = "pn.conditions";             // CHOICE, repeats
inline constexpr char kDiabetesControl[] = "pn.gestational_diabetes_control";  // CHOICE
inline constexpr char kHighRiskFlags[] = "pn.high_risk_flags";     // CHOICE, repeats

// The "nothing applies" option of the checklist items; it cannot be combined
// with another option (ValidateAnswers).
inline constexpr char kNone[] = "none";

// The form, built once per call; pure.
pb::Form BuildForm();

// Checks beyond the form's structure: "none" chosen together with another
// option. Errors name link_ids only, never answers.
std::vector<pb::FieldError> ValidateAnswers(const sdk::Answers& answers);

}  // namespace fascia::plugins::prenatal

#endif  // FASCIA_PLUGINS_PRENATAL_PRENATAL_FORM_H_
