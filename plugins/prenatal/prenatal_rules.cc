// The prenatal rules, one function per row of the table in
// shared/domain/screening.md. Each reads only answers of enabled items (the
// SDK's Answers drops the rest), so a stale answer to a disabled question
// never fires a rule.
//
// The gestation is answered at the screening but the rules are about the
// visit, which may be days later (fascia/visit_time.h): each trimester rule
// reads the end of the possible range that is safe for it (README.md).
#include "prenatal_rules.h"

#include <string>

#include "fascia/visit_time.h"
#include "prenatal_form.h"

namespace fascia::plugins::prenatal {
namespace {

// The room feature needed once the client should lie on her side.
constexpr char kBolsters[] = "prenatal-bolsters";
// PN-1/PN-2 split at the end of the first trimester (fixed by the table).
constexpr int64_t kSecondTrimesterWeek = 13;

bool Is(const std::optional<std::string>& code, const char* expected) {
  return code.has_value() && *code == expected;
}

bool Pregnant(const sdk::ScreenInput& in) { return in.answers.IsTrue(kPregnant); }

// The completed weeks she may be at on the day of the visit. A ">=" rule
// reads `high` (a visit that might be at 13 weeks counts as 13), a "<" rule
// reads `low` (it still fires while the visit might be before the week), so
// in the week around a threshold both fire and the stricter one wins.
std::optional<sdk::VisitRange> Weeks(const sdk::ScreenInput& in) {
  if (!Pregnant(in)) return std::nullopt;
  const auto weeks = in.answers.Integer(kGestationWeeks);
  if (!weeks) return std::nullopt;
  return sdk::SinceAtVisit(*weeks, sdk::kSecondsPerWeek, in.context);
}

// Side-lying bolsters from the clinic's week, on whichever trimester finding
// fired (PN-2 with the default of 13 weeks): needed if she may have reached
// that week by the visit.
void AddRoomFeature(pb::Finding& f, const sdk::VisitRange& weeks, const RuleSettings& s) {
  if (weeks.high >= s.bolsters_from_week) f.add_required_room_features(kBolsters);
}

// PN-1 | gestation < 13 weeks | CAUTION (a clinic may raise to REQUIRES_CLEARANCE)
std::optional<pb::Finding> Pn1(const sdk::ScreenInput& in, const RuleSettings& s) {
  auto weeks = Weeks(in);
  if (!weeks || weeks->low >= kSecondTrimesterWeek) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("PN-1", s.pn1_outcome, "First trimester");
  AddRoomFeature(f, *weeks, s);
  return f;
}

// PN-2 | gestation >= 13 weeks | CAUTION: SIDE_LYING, NO_PRONE
// Room: after 13 weeks the booking needs a room with side-lying bolsters.
std::optional<pb::Finding> Pn2(const sdk::ScreenInput& in, const RuleSettings& s) {
  auto weeks = Weeks(in);
  if (!weeks || weeks->high < kSecondTrimesterWeek) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("PN-2", pb::CAUTION,
                                   "Second trimester or later: side-lying, not prone");
  sdk::AddModification(f, "SIDE_LYING");
  sdk::AddModification(f, "NO_PRONE");
  AddRoomFeature(f, *weeks, s);
  return f;
}

// PN-3 | gestation >= 20 weeks | CAUTION: NO_FLAT_SUPINE (supine hypotension)
std::optional<pb::Finding> Pn3(const sdk::ScreenInput& in, const RuleSettings& s) {
  auto weeks = Weeks(in);
  if (!weeks || weeks->high < s.flat_supine_from_week) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("PN-3", pb::CAUTION,
                                   "Risk of supine hypotension: never flat on the back");
  sdk::AddModification(f, "NO_FLAT_SUPINE");
  return f;
}

// PN-4 | warning sign now: bleeding, fluid leak, regular contractions, less
// fetal movement, severe headache or visual change, sudden swelling, calf pain
// or swelling, fever | CONTRAINDICATED, refer same day
std::optional<pb::Finding> Pn4(const sdk::ScreenInput& in, const RuleSettings&) {
  for (const auto& code : in.answers.Codes(kWarningSigns)) {
    if (code == kNone) continue;
    pb::Finding f = sdk::MakeFinding("PN-4", pb::CONTRAINDICATED,
                                     "Pregnancy warning sign today: refer the same day");
    f.set_referral(pb::SAME_DAY);
    return f;
  }
  return std::nullopt;
}

// PN-5 | preeclampsia or pregnancy-induced hypertension | CONTRAINDICATED;
// with written obstetric clearance on file: REQUIRES_CLEARANCE satisfied
std::optional<pb::Finding> Pn5(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.HasCode(kConditions, "preeclampsia") &&
      !in.answers.HasCode(kConditions, "gestational_hypertension")) {
    return std::nullopt;
  }
  if (in.HasClearance("PN-5")) {
    return sdk::MakeFinding("PN-5", pb::REQUIRES_CLEARANCE,
                            "Hypertensive disorder of pregnancy: obstetric clearance on file");
  }
  pb::Finding f = sdk::MakeFinding(
      "PN-5", pb::CONTRAINDICATED,
      "Hypertensive disorder of pregnancy: needs written obstetric clearance");
  f.set_referral(pb::ROUTINE);
  return f;
}

// PN-6 | gestational diabetes | controlled: CAUTION, NO_ABDOMINAL_WORK;
// uncontrolled: REQUIRES_CLEARANCE, NO_DEEP_PRESSURE
std::optional<pb::Finding> Pn6(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.HasCode(kConditions, "gestational_diabetes")) return std::nullopt;
  // Anything but an explicit "controlled" is treated as uncontrolled.
  if (Is(in.answers.Code(kDiabetesControl), "controlled")) {
    pb::Finding f = sdk::MakeFinding("PN-6", pb::CAUTION, "Gestational diabetes, controlled");
    sdk::AddModification(f, "NO_ABDOMINAL_WORK");
    return f;
  }
  pb::Finding f = sdk::MakeFinding("PN-6", pb::REQUIRES_CLEARANCE,
                                   "Gestational diabetes, not controlled");
  sdk::AddModification(f, "NO_DEEP_PRESSURE");
  return f;
}

// PN-7 | placenta previa or other placental abnormality | REQUIRES_CLEARANCE,
// NO_ABDOMINAL_WORK
std::optional<pb::Finding> Pn7(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.HasCode(kConditions, "placental_abnormality")) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("PN-7", pb::REQUIRES_CLEARANCE, "Placental abnormality");
  sdk::AddModification(f, "NO_ABDOMINAL_WORK");
  return f;
}

// PN-8 | preterm-labour history, multiples, cerclage, other high-risk flag |
// REQUIRES_CLEARANCE and a prenatal-certified therapist
std::optional<pb::Finding> Pn8(const sdk::ScreenInput& in, const RuleSettings&) {
  for (const auto& code : in.answers.Codes(kHighRiskFlags)) {
    if (code == kNone) continue;
    pb::Finding f = sdk::MakeFinding("PN-8", pb::REQUIRES_CLEARANCE,
                                     "High-risk pregnancy: prenatal-certified therapist");
    f.add_required_qualifications("prenatal-certified");
    return f;
  }
  return std::nullopt;
}

// PN-9 | current or suspected DVT, or one-sided calf swelling/warmth/pain |
// CONTRAINDICATED, urgent referral
std::optional<pb::Finding> Pn9(const sdk::ScreenInput& in, const RuleSettings&) {
  const auto side = in.answers.Code(kCalfSide);  // enabled only with calf symptoms
  const bool one_sided = Is(side, "left") || Is(side, "right");
  if (!one_sided && !in.answers.HasCode(kConditions, "suspected_dvt")) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("PN-9", pb::CONTRAINDICATED,
                                   "Possible deep vein thrombosis: refer urgently");
  f.set_referral(pb::URGENT);
  return f;
}

// PN-10 | any pregnancy | CAUTION: NO_PERCUSSION, NO_HEAT, NO_ABDOMINAL_WORK,
// AVOID_POINTS(SP6, LI4, BL60, KI3, GB21), no deep pressure on the legs
// The vocabulary has no region-scoped pressure limit, so "no deep pressure on
// the legs" is in the message; a global NO_DEEP_PRESSURE would forbid deep
// work everywhere, which the table does not ask for.
std::optional<pb::Finding> Pn10(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!Pregnant(in)) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("PN-10", pb::CAUTION,
                                   "Pregnancy: no deep pressure on the legs");
  sdk::AddModification(f, "NO_PERCUSSION");
  sdk::AddModification(f, "NO_HEAT");
  sdk::AddModification(f, "NO_ABDOMINAL_WORK");
  sdk::AddModification(f, "AVOID_POINTS", "SP6,LI4,BL60,KI3,GB21");
  return f;
}

// PN-11 | prescribed bed rest | REQUIRES_CLEARANCE, AVOID_REGION(legs)
std::optional<pb::Finding> Pn11(const sdk::ScreenInput& in, const RuleSettings&) {
  if (!in.answers.HasCode(kConditions, "bed_rest")) return std::nullopt;
  pb::Finding f = sdk::MakeFinding("PN-11", pb::REQUIRES_CLEARANCE, "Prescribed bed rest");
  sdk::AddModification(f, "AVOID_REGION", "legs");
  return f;
}

}  // namespace

const std::vector<Rule>& Rules() {
  static const auto* rules = new std::vector<Rule>{
      {"PN-1", "First trimester (under 13 weeks)", &Pn1},
      {"PN-2", "13 weeks or more: side-lying, not prone; bolstered room", &Pn2},
      {"PN-3", "20 weeks or more: no flat supine", &Pn3},
      {"PN-4", "Pregnancy warning sign today", &Pn4},
      {"PN-5", "Preeclampsia or pregnancy-induced hypertension", &Pn5},
      {"PN-6", "Gestational diabetes", &Pn6},
      {"PN-7", "Placenta previa or other placental abnormality", &Pn7},
      {"PN-8", "High-risk pregnancy", &Pn8},
      {"PN-9", "Current or suspected DVT, or one-sided calf symptoms", &Pn9},
      {"PN-10", "Any pregnancy: standard prenatal precautions", &Pn10},
      {"PN-11", "Prescribed bed rest", &Pn11},
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

}  // namespace fascia::plugins::prenatal
