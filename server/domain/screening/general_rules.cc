// GN-* rules; see general_rules.h. One function per row of the table in
// screening.md ("General screening"), in its order.
#include "domain/screening/general_rules.h"

#include <string>

#include "domain/screening/general_form.h"

namespace fascia::screening {
namespace {

namespace g = general;
using plugin_sdk::AddModification;
using plugin_sdk::Answers;
using plugin_sdk::MakeFinding;
using Findings = std::vector<pb::Finding>;

// GN-DVT: current or suspected DVT contraindicates (urgent referral); a past
// DVT now on anticoagulants needs clearance (and GN-BLEED applies).
void Dvt(const Answers& a, Findings& out) {
  auto dvt = a.Code(g::kDvt);
  if (dvt == "current_or_suspected") {
    pb::Finding f = MakeFinding("GN-DVT", pb::CONTRAINDICATED,
                                "current or suspected deep vein thrombosis: refer urgently");
    f.set_referral(pb::URGENT);
    out.push_back(f);
  } else if (dvt == "past_on_anticoagulants") {
    out.push_back(MakeFinding("GN-DVT", pb::REQUIRES_CLEARANCE,
                              "past DVT on anticoagulants: written clearance needed"));
  }
}

// GN-BLEED: bleeding disorder or anticoagulant/antiplatelet: no deep work,
// at most medium pressure, no percussion; severe risk needs clearance.
void Bleed(const Answers& a, Findings& out) {
  const bool on_thinners = a.IsTrue(g::kAnticoagulant) || a.Code(g::kDvt) == "past_on_anticoagulants";
  if (!a.IsTrue(g::kBleedingDisorder) && !on_thinners) return;
  const bool severe = a.IsTrue(g::kSevereBleedingRisk);
  pb::Finding f = MakeFinding("GN-BLEED", severe ? pb::REQUIRES_CLEARANCE : pb::CAUTION,
                              severe ? "severe bleeding risk: written clearance needed"
                                     : "bleeding risk: reduced pressure");
  AddModification(f, "MAX_PRESSURE", "medium");
  AddModification(f, "NO_PERCUSSION");
  AddModification(f, "NO_DEEP_PRESSURE");
  out.push_back(f);
}

// GN-SURG: surgery within N weeks needs clearance; an unhealed incision is
// avoided whenever the surgery was.
void Surgery(const Answers& a, const GeneralSettings& s, absl::CivilDay visit, Findings& out) {
  if (!a.IsTrue(g::kRecentSurgery)) return;
  auto date = a.Date(g::kSurgeryDate);
  bool recent = true;  // no usable date: assume the conservative case
  if (date) {
    absl::CivilDay day;
    if (absl::ParseCivilTime(*date, &day)) recent = visit - day < 7 * s.surgery_weeks;
  }
  const bool unhealed = !a.IsTrue(g::kIncisionHealed);
  if (!recent && !unhealed) return;
  pb::Finding f = MakeFinding("GN-SURG", recent ? pb::REQUIRES_CLEARANCE : pb::CAUTION,
                              recent ? "recent surgery: written clearance needed"
                                     : "unhealed incision: avoid the site");
  if (unhealed) {
    auto site = a.Code(g::kIncisionSite);
    AddModification(f, "AVOID_REGION", site.value_or("incision"));
  }
  out.push_back(f);
}

// GN-BP: uncontrolled hypertension, or today's reading at/above the clinic's
// limit, contraindicates treatment today; controlled is clear.
void BloodPressure(const Answers& a, const GeneralSettings& s, Findings& out) {
  const bool uncontrolled = a.Code(g::kHypertension) == "uncontrolled";
  const bool high_reading = a.Integer(g::kSystolic).value_or(0) >= s.systolic_limit ||
                            a.Integer(g::kDiastolic).value_or(0) >= s.diastolic_limit;
  if (!uncontrolled && !high_reading) return;
  pb::Finding f = MakeFinding("GN-BP", pb::CONTRAINDICATED,
                              "blood pressure too high to treat today: refer");
  f.set_referral(pb::ROUTINE);
  out.push_back(f);
}

// GN-DM: controlled diabetes is CAUTION, uncontrolled needs clearance; less
// pressure with neuropathy; insulin and pump sites avoided.
void Diabetes(const Answers& a, Findings& out) {
  auto dm = a.Code(g::kDiabetes);
  if (!dm || *dm == "none") return;
  const bool uncontrolled = *dm == "uncontrolled";
  pb::Finding f = MakeFinding("GN-DM", uncontrolled ? pb::REQUIRES_CLEARANCE : pb::CAUTION,
                              uncontrolled ? "uncontrolled diabetes: written clearance needed"
                                           : "diabetes: check sensation, avoid injection sites");
  if (a.IsTrue(g::kNeuropathy)) AddModification(f, "NO_DEEP_PRESSURE");
  for (const auto& site : a.Codes(g::kInsulinSites)) AddModification(f, "AVOID_REGION", site);
  out.push_back(f);
}

// GN-CA: cancer in active treatment needs clearance and an oncology-trained
// therapist.
void Cancer(const Answers& a, Findings& out) {
  if (!a.IsTrue(g::kCancerTreatment)) return;
  pb::Finding f = MakeFinding("GN-CA", pb::REQUIRES_CLEARANCE,
                              "active cancer treatment: oncology clearance and an oncology-trained therapist");
  f.add_required_qualifications("oncology-trained");
  out.push_back(f);
}

// GN-MED: analgesic or muscle relaxant today blunts feedback.
void Medication(const Answers& a, Findings& out) {
  if (!a.IsTrue(g::kMedicationToday)) return;
  pb::Finding f = MakeFinding("GN-MED", pb::CAUTION, "pain relief or relaxant today: feedback blunted");
  AddModification(f, "NO_DEEP_PRESSURE");
  out.push_back(f);
}

// GN-ALG: product allergies restrict products.
void Allergies(const Answers& a, Findings& out) {
  auto allergens = a.Codes(g::kAllergies);
  if (allergens.empty()) return;
  pb::Finding f = MakeFinding("GN-ALG", pb::CAUTION, "product allergy: use safe products only");
  for (const auto& allergen : allergens) AddModification(f, "PRODUCT_RESTRICTION", allergen);
  out.push_back(f);
}

// GN-INJ: an injury under 72 h is treated as SP-1: a local contraindication
// at the site.
void Injury(const Answers& a, Findings& out) {
  if (!a.IsTrue(g::kAcuteInjury)) return;
  pb::Finding f = MakeFinding("GN-INJ", pb::CONTRAINDICATED, "acute injury: do not treat the site");
  f.set_local(true);
  const std::string site = a.Code(g::kInjurySite).value_or("injury");
  f.mutable_region()->set_site(site);
  auto side = a.Code(g::kInjurySide);
  if (side == "left") f.mutable_region()->set_laterality(pb::LEFT);
  if (side == "right") f.mutable_region()->set_laterality(pb::RIGHT);
  if (side == "bilateral") f.mutable_region()->set_laterality(pb::BILATERAL);
  AddModification(f, "AVOID_REGION", site);
  out.push_back(f);
}

// GN-PRESS: the client's preference is a ceiling, clamped further by any
// MAX_PRESSURE when modifications are merged (modifications.h).
void Pressure(const Answers& a, Findings& out) {
  auto pressure = a.Code(g::kPressure);
  if (!pressure) return;
  pb::Finding f = MakeFinding("GN-PRESS", pb::CLEAR, "client's pressure preference");
  AddModification(f, "MAX_PRESSURE", *pressure);
  out.push_back(f);
}

}  // namespace

std::vector<pb::Finding> ScreenGeneral(const Answers& answers, const GeneralSettings& settings,
                                       absl::CivilDay visit_day) {
  Findings out;
  Dvt(answers, out);
  Bleed(answers, out);
  Surgery(answers, settings, visit_day, out);
  BloodPressure(answers, settings, out);
  Diabetes(answers, out);
  Cancer(answers, out);
  Medication(answers, out);
  Allergies(answers, out);
  Injury(answers, out);
  Pressure(answers, out);
  return out;
}

}  // namespace fascia::screening
