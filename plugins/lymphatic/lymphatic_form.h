// The manual lymphatic drainage intake form: its stable link_ids and option
// codes, the form definition the plugin describes, and the checks the SDK's
// generic form validation cannot express.
//
// Most conditions are one CHOICE whose options are the table's severity
// levels (e.g. none / chronic_kidney_disease / renal_failure), so a rule
// reads a single answer. The client's age is not asked: it comes from the
// client record (client field "age_years").
#ifndef FASCIA_PLUGINS_LYMPHATIC_LYMPHATIC_FORM_H_
#define FASCIA_PLUGINS_LYMPHATIC_LYMPHATIC_FORM_H_

#include <vector>

#include "fascia/plugin_forms.h"

namespace fascia::plugins::lymphatic {

namespace sdk = ::fascia::plugin_sdk;
namespace pb = ::fascia::plugin::v1;

inline constexpr char kFormId[] = "lymphatic-intake";
inline constexpr char kFormVersion[] = "1";

// Link ids: stable, never reused for another question.
inline constexpr char kInfection[] = "ml.infection";                 // CHOICE, repeats
inline constexpr char kClot[] = "ml.clot";                           // CHOICE
inline constexpr char kHeart[] = "ml.heart_failure";                 // CHOICE
inline constexpr char kKidney[] = "ml.kidney";                       // CHOICE
inline constexpr char kMalignancy[] = "ml.active_malignancy";        // BOOLEAN
inline constexpr char kBloodPressure[] = "ml.blood_pressure";        // CHOICE
inline constexpr char kAsthma[] = "ml.asthma";                       // BOOLEAN
inline constexpr char kAsthmaToday[] = "ml.asthma_symptoms_today";   // BOOLEAN
inline constexpr char kNeckConditions[] = "ml.neck_conditions";      // CHOICE, repeats
inline constexpr char kPregnant[] = "ml.pregnant";                   // BOOLEAN
inline constexpr char kGestationWeeks[] = "ml.gestation_weeks";      // INTEGER 0..44
inline constexpr char kOedemaUnknown[] = "ml.oedema_unknown_cause";  // BOOLEAN
inline constexpr char kLymphedemaStage[] = "ml.lymphedema_stage";    // CHOICE

// The "nothing applies" option; it cannot be combined with another option in
// the repeating items (ValidateAnswers).
inline constexpr char kNone[] = "none";

// The form; pure.
pb::Form BuildForm();

// Checks beyond the form's structure: "none" chosen together with another
// option. Errors name link_ids only, never answers.
std::vector<pb::FieldError> ValidateAnswers(const sdk::Answers& answers);

}  // namespace fascia::plugins::lymphatic

#endif  // FASCIA_PLUGINS_LYMPHATIC_LYMPHATIC_FORM_H_
