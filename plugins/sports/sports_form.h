// The sports intake form: its stable link_ids and option codes, the form
// definition the plugin describes, and the checks the SDK's generic form
// validation cannot express.
//
// Timing is asked as whole hours (since the injury, until or since the event)
// so the rules compare numbers with the clinic's thresholds and need no clock.
// Each local problem (injury, wound, inflammation) has its own site and side
// questions, enabled only when that problem is reported.
#ifndef FASCIA_PLUGINS_SPORTS_SPORTS_FORM_H_
#define FASCIA_PLUGINS_SPORTS_SPORTS_FORM_H_

#include <vector>

#include "fascia/plugin_forms.h"

namespace fascia::plugins::sports {

namespace sdk = ::fascia::plugin_sdk;
namespace pb = ::fascia::plugin::v1;

inline constexpr char kFormId[] = "sports-intake";
inline constexpr char kFormVersion[] = "1";

// Link ids: stable, never reused for another question.
inline constexpr char kInjury[] = "sp.injury";                       // BOOLEAN
inline constexpr char kInjuryGroup[] = "sp.injury_details";          // GROUP
inline constexpr char kInjuryType[] = "sp.injury_type";              // CHOICE
inline constexpr char kInjurySite[] = "sp.injury_site";              // CHOICE (body site)
inline constexpr char kInjurySide[] = "sp.injury_side";              // CHOICE (side)
inline constexpr char kHoursSinceInjury[] = "sp.hours_since_injury";  // INTEGER
inline constexpr char kHeadImpact[] = "sp.head_impact";              // BOOLEAN
inline constexpr char kHeadGroup[] = "sp.head_details";              // GROUP
inline constexpr char kConcussionStatus[] = "sp.concussion_status";  // CHOICE
inline constexpr char kHeadRedFlags[] = "sp.head_red_flags";         // CHOICE, repeats
inline constexpr char kEvent[] = "sp.event";                         // CHOICE, repeats
inline constexpr char kHoursUntilEvent[] = "sp.hours_until_event";   // INTEGER
inline constexpr char kHoursSinceEvent[] = "sp.hours_since_event";   // INTEGER
inline constexpr char kWound[] = "sp.wound";                         // BOOLEAN
inline constexpr char kWoundSite[] = "sp.wound_site";                // CHOICE (body site)
inline constexpr char kWoundSide[] = "sp.wound_side";                // CHOICE (side)
inline constexpr char kInflammation[] = "sp.inflammation";           // CHOICE
inline constexpr char kInflammationSite[] = "sp.inflammation_site";  // CHOICE (body site)
inline constexpr char kInflammationSide[] = "sp.inflammation_side";  // CHOICE (side)
inline constexpr char kBleeding[] = "sp.bleeding";                   // CHOICE, repeats

// The "nothing applies" option of the checklist items; it cannot be combined
// with another option (ValidateAnswers).
inline constexpr char kNone[] = "none";

// The form; pure.
pb::Form BuildForm();

// Checks beyond the form's structure: "none" chosen together with another
// option. Errors name link_ids only, never answers.
std::vector<pb::FieldError> ValidateAnswers(const sdk::Answers& answers);

}  // namespace fascia::plugins::sports

#endif  // FASCIA_PLUGINS_SPORTS_SPORTS_FORM_H_
