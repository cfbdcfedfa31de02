// The general health section every intake starts with, whatever the
// modality: the questions the core GN-* rules of screening.md read. Its
// link_ids all start with "general." (reserved: plugins may not use them).
//
// The form is data, built once; GeneralForm() is thread-safe.
#ifndef FASCIA_DOMAIN_SCREENING_GENERAL_FORM_H_
#define FASCIA_DOMAIN_SCREENING_GENERAL_FORM_H_

#include "fascia/plugin/v1/plugin.pb.h"

namespace fascia::screening {

namespace pb = ::fascia::plugin::v1;

inline constexpr char kGeneralFormId[] = "general";
inline constexpr char kGeneralPrefix[] = "general.";

// Link ids, for the rules and for tests.
namespace general {
inline constexpr char kDvt[] = "general.dvt";  // choice none|current_or_suspected|past_on_anticoagulants|past
inline constexpr char kBleedingDisorder[] = "general.bleeding_disorder";
inline constexpr char kAnticoagulant[] = "general.anticoagulant";  // or antiplatelet
inline constexpr char kSevereBleedingRisk[] = "general.severe_bleeding_risk";
inline constexpr char kRecentSurgery[] = "general.recent_surgery";
inline constexpr char kSurgeryDate[] = "general.surgery_date";
inline constexpr char kIncisionSite[] = "general.incision_site";
inline constexpr char kIncisionHealed[] = "general.incision_healed";
inline constexpr char kHypertension[] = "general.hypertension";  // none|controlled|uncontrolled
inline constexpr char kSystolic[] = "general.bp_systolic";
inline constexpr char kDiastolic[] = "general.bp_diastolic";
inline constexpr char kDiabetes[] = "general.diabetes";  // none|controlled|uncontrolled
inline constexpr char kNeuropathy[] = "general.neuropathy";
inline constexpr char kInsulinSites[] = "general.insulin_or_pump_sites";
inline constexpr char kCancerTreatment[] = "general.cancer_active_treatment";
inline constexpr char kMedicationToday[] = "general.analgesic_or_relaxant_today";
inline constexpr char kAllergies[] = "general.allergies";  // repeating choice
inline constexpr char kAcuteInjury[] = "general.injury_under_72h";
inline constexpr char kInjurySite[] = "general.injury_site";
inline constexpr char kInjurySide[] = "general.injury_side";
inline constexpr char kPressure[] = "general.pressure_preference";  // light|medium|firm|deep
}  // namespace general

// The general section (id "general", version "1").
const pb::Form& GeneralForm();

}  // namespace fascia::screening

#endif  // FASCIA_DOMAIN_SCREENING_GENERAL_FORM_H_
