// The manual lymphatic drainage rules, one function per row of the table in
// shared/domain/screening.md. Each reads only answers of enabled items (the
// SDK's Answers drops the rest), so a stale answer to a disabled question
// never fires a rule.
//
// The gestation (ML-9) is answered at the screening but the rule is about the
// visit, which may be days later (fascia/visit_time.h); README.md says why
// the other rules need no such care.
#include "lymphatic_rules.h"

#include <string>

#include "fascia/visit_time.h"
#include "lymphatic_form.h"

namespace fascia::plugins::lymphatic {
namespace {

// ML-9's first trimester ends here (the same split as the prenatal PN-1/PN-2).
constexpr int64_t kSecondTrimesterWeek = 13;

bool Is(const std::optional<std::string>& code, const char* expected) {
  return code.has_value() && *code == expected;
}

pb::Finding Contraindicated(const char* rule_id, const std::string& message) {
  pb::Finding f = sdk::MakeFinding(rule_id, pb::CONTRAINDICATED, message);
  f.set_referral(pb::ROUTINE);  // do not treat; refer (no urgency in the table)
  return f;
}

// ML-1 | acute infection, cellulitis/erysipelas, fever | CONTRAINDICATED
std::optional<pb::Finding> Ml1(const sdk::ScreenInput& in, const RuleSettings&) {
  for (const auto& code : in.answers.Codes(kInfection)) {
    if (code != kNone) return Contraindicated("ML-1", "Acute infection or fever");
  }
  return std::nullopt;
}

// ML-2 | acute DVT, thrombophlebitis, clot or embolism within 2 months |
// CONTRAINDICATED; treated and stable: REQUIRES_CLEARANCE
std::optional<pb::Finding> Ml2(const sdk::ScreenInput& in, const RuleSettings&) {
  const auto clot = in.answers.Code(kClot);
  if (Is(clot, "acute")) return Contraindicated("ML-2", "Recent or untreated clot");
  if (Is(clot, "treated_stable")) {
    return sdk::MakeFinding("ML-2", pb::REQUIRES_CLEARANCE, "Past clot, treated and stable");
  }
  return std::nullopt;
}

// ML-3 | decompensated heart failure or cardiac oedema | CONTRAINDICATED;
// compensated and managed: REQUIRES_CLEARANCE
std::optional<pb::Finding> Ml3(const sdk::ScreenInput& in, const RuleSettings&) {
  const auto heart = in.answers.Code(kHeart);
  if (Is(heart, "decompensated")) {
    return Contraindicated("ML-3", "Decompensated heart failure or cardiac oedema");
  }
  if (Is(heart, "compensated_managed")) {
    return sdk::MakeFinding("ML-3", pb::REQUIRES_CLEARANCE,
                            "Heart failure, compensated and managed");
  }
  return std::nullopt;
}

// ML-4 | renal failure | CONTRAINDICATED; chronic kidney disease: REQUIRES_CLEARANCE
std::optional<pb::Finding> Ml4(const sdk::ScreenInput& in, const RuleSettings&) {
  const auto kidney = in.answers.Code(kKidney);
  if (Is(kidney, "renal_failure")) return Contraindicated("ML-4", "Renal failure");
  if (Is(kidney, "chronic_kidney_disease")) {
    return sdk::MakeFinding("ML-4", pb::REQUIRES_CLEARANCE, "Chronic kidney disease");
  }
  return std::nullopt;
}

// ML-5 | untreated or active malignancy | CONTRAINDICATED unless the
// oncologist's written clearance is on file
// With the clearance on file the finding is REQUIRES_CLEARANCE, which the
// booking gate finds satisfied.
std::optional<pb::Finding> Ml5(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.IsTrue(kMalignancy)) return std::nullopt;
  if (in.HasClearance("ML-5")) {
    return sdk::MakeFinding("ML-5", pb::REQUIRES_CLEARANCE,
                            "Active malignancy: oncologist's clearance on file");
  }
  return Contraindicated("ML-5", "Active malignancy: needs the oncologist's written clearance");
}

// ML-6 | hypertension controlled, or hypotension | CAUTION: SHORT_SESSION;
// severe or unstable hypertension: CONTRAINDICATED
std::optional<pb::Finding> Ml6(const sdk::ScreenInput& in, const RuleSettings&) {
  const auto bp = in.answers.Code(kBloodPressure);
  if (Is(bp, "severe_or_unstable_hypertension")) {
    return Contraindicated("ML-6", "Severe or unstable hypertension");
  }
  if (!Is(bp, "controlled_hypertension") && !Is(bp, "hypotension")) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("ML-6", pb::CAUTION,
                                   "Blood pressure: short session, rise slowly afterwards");
  sdk::AddModification(f, "SHORT_SESSION");
  return f;
}

// ML-7 | asthma | CAUTION: SHORT_SESSION, AVOID_REGION(sternum); never during
// an attack
// "Never during an attack" is read from symptoms today: CONTRAINDICATED.
std::optional<pb::Finding> Ml7(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.IsTrue(kAsthma)) return std::nullopt;
  if (in.answers.IsTrue(kAsthmaToday)) {
    return sdk::MakeFinding("ML-7", pb::CONTRAINDICATED, "Asthma symptoms today: do not treat");
  }
  pb::Finding f = sdk::MakeFinding("ML-7", pb::CAUTION, "Asthma");
  sdk::AddModification(f, "SHORT_SESSION");
  sdk::AddModification(f, "AVOID_REGION", "sternum");
  return f;
}

// ML-8 | thyroid disease, carotid sinus hypersensitivity or arrhythmia | local
// CONTRAINDICATED for the neck; age over 60: neck work REQUIRES_CLEARANCE
// Both parts are local to the neck (the rest of the body may be treated). An
// unknown age (no birth date on record) is read as over the limit: the safer
// reading, as ML-9 reads an unknown gestation; it costs a clinic that keeps
// no birth dates a neck clearance, not the session.
std::optional<pb::Finding> Ml8(const sdk::ScreenInput& in, const RuleSettings& s) {
  std::optional<pb::Finding> f;
  for (const auto& code : in.answers.Codes(kNeckConditions)) {
    if (code == kNone) continue;
    f = sdk::MakeFinding("ML-8", pb::CONTRAINDICATED,
                         "Thyroid, carotid sinus or heart rhythm condition: no neck work");
    break;
  }
  const auto age = in.ClientInteger(kAgeYears);
  if (!f && !age) {
    f = sdk::MakeFinding("ML-8", pb::REQUIRES_CLEARANCE,
                         "Age unknown (no birth date on record): neck work needs clearance");
  } else if (!f && *age > s.neck_clearance_age) {
    f = sdk::MakeFinding("ML-8", pb::REQUIRES_CLEARANCE, "Older client: neck work needs clearance");
  }
  if (!f) return std::nullopt;
  f->set_local(true);
  f->mutable_region()->set_site("neck");
  f->mutable_region()->set_laterality(pb::BILATERAL);
  return f;
}

// ML-9 | pregnancy | NO_ABDOMINAL_WORK; first trimester REQUIRES_CLEARANCE
std::optional<pb::Finding> Ml9(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.IsTrue(kPregnant)) return std::nullopt;
  const auto weeks = in.answers.Integer(kGestationWeeks);
  // An unknown gestation is treated as the first trimester: the safer reading.
  // So is a visit that may still fall before week 13 (the range's low end).
  const bool first =
      !weeks ||
      sdk::SinceAtVisit(*weeks, sdk::kSecondsPerWeek, in.context).low < kSecondTrimesterWeek;
  pb::Finding f = first ? sdk::MakeFinding("ML-9", pb::REQUIRES_CLEARANCE,
                                           "Pregnancy, first trimester")
                        : sdk::MakeFinding("ML-9", pb::CAUTION, "Pregnancy");
  sdk::AddModification(f, "NO_ABDOMINAL_WORK");
  return f;
}

// ML-10 | oedema of unknown cause | REQUIRES_CLEARANCE
std::optional<pb::Finding> Ml10(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.IsTrue(kOedemaUnknown)) return std::nullopt;
  return sdk::MakeFinding("ML-10", pb::REQUIRES_CLEARANCE, "Oedema of unknown cause");
}

// ML-11 | lymphedema, ISL stage I or higher | therapeutic MLD: therapist must
// hold a current lymphedema certification (CLT or equivalent) on the
// appointment date
// CAUTION carrying the qualification: the host checks it against the
// therapist on the appointment date.
std::optional<pb::Finding> Ml11(const sdk::ScreenInput& in, const RuleSettings&) {
  const auto stage = in.answers.Code(kLymphedemaStage);
  if (!Is(stage, "stage_1") && !Is(stage, "stage_2") && !Is(stage, "stage_3")) {
    return std::nullopt;
  }
  pb::Finding f = sdk::MakeFinding("ML-11", pb::CAUTION,
                                   "Lymphedema: therapeutic MLD by a certified therapist");
  f.add_required_qualifications("clt");
  return f;
}

// Lymphatic drainage is always light pressure: MAX_PRESSURE(light) clamps
// GN-PRESS. Fires on every screening, so the clamp is never lost.
std::optional<pb::Finding> MlPressure(const sdk::ScreenInput&, const RuleSettings&) {
  pb::Finding f = sdk::MakeFinding("ML-PRESSURE", pb::CAUTION,
                                   "Lymphatic drainage is always light pressure");
  sdk::AddModification(f, "MAX_PRESSURE", "light");
  return f;
}

}  // namespace

const std::vector<Rule>& Rules() {
  static const auto* rules = new std::vector<Rule>{
      {"ML-1", "Acute infection, cellulitis or erysipelas, fever", &Ml1},
      {"ML-2", "Clot, DVT, thrombophlebitis or embolism", &Ml2},
      {"ML-3", "Heart failure or cardiac oedema", &Ml3},
      {"ML-4", "Renal failure or chronic kidney disease", &Ml4},
      {"ML-5", "Untreated or active malignancy", &Ml5},
      {"ML-6", "Hypertension or hypotension", &Ml6},
      {"ML-7", "Asthma", &Ml7},
      {"ML-8", "Neck: thyroid, carotid sinus, arrhythmia or older age", &Ml8},
      {"ML-9", "Pregnancy", &Ml9},
      {"ML-10", "Oedema of unknown cause", &Ml10},
      {"ML-11", "Lymphedema stage I or higher: CLT-certified therapist", &Ml11},
      {"ML-PRESSURE", "Lymphatic drainage is always light pressure", &MlPressure},
  };
  return *rules;
}

std::vector<pb::Finding> ScreenAll(const sdk::ScreenInput& input, const RuleSettings& settings) {
  std::vector<pb::Finding> findings;
  for (const Rule& rule : Rules()) {
    if (auto f = rule.fire(input, settings)) findings.push_back(std::move(*f));
  }
  return findings;
}

}  // namespace fascia::plugins::lymphatic
