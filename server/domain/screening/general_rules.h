// The core screening rules GN-* of screening.md, run on the general section
// of every intake (general_form.h), whatever the modality.
//
//   std::vector<pb::Finding> f = ScreenGeneral(answers, settings, visit_day);
//
// `answers` holds only enabled items (plugin_sdk::Answers guarantees it), so
// a disabled question never fires a rule. Time-relative rules (GN-SURG's N
// weeks) count calendar days to the visit's local date. Thread-safe.
#ifndef FASCIA_DOMAIN_SCREENING_GENERAL_RULES_H_
#define FASCIA_DOMAIN_SCREENING_GENERAL_RULES_H_

#include <vector>

#include "absl/time/civil_time.h"
#include "fascia/plugin_forms.h"

namespace fascia::screening {

namespace pb = ::fascia::plugin::v1;

// A clinic's thresholds for the general rules (fasciad's config file).
struct GeneralSettings {
  int surgery_weeks = 6;        // GN-SURG: clearance needed within this many weeks
  int systolic_limit = 160;     // GN-BP: a reading at or above either limit
  int diastolic_limit = 100;    //        contraindicates treatment today
};

std::vector<pb::Finding> ScreenGeneral(const plugin_sdk::Answers& answers,
                                       const GeneralSettings& settings, absl::CivilDay visit_day);

}  // namespace fascia::screening

#endif  // FASCIA_DOMAIN_SCREENING_GENERAL_RULES_H_
