// The core GN-* rules (domain/screening/general_rules.h) on the general form.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/screening/general_form.h"
#include "domain/screening/general_rules.h"
#include "domain/screening/modifications.h"
#include "fascia/plugin_forms.h"

namespace fascia::screening {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
namespace sdk = plugin_sdk;

// A response with every required general question answered "no".
class General {
 public:
  General() {
    Code(general::kDvt, "none");
    for (const char* id : {general::kBleedingDisorder, general::kAnticoagulant, general::kRecentSurgery,
                           general::kCancerTreatment, general::kMedicationToday, general::kAcuteInjury}) {
      Bool(id, false);
    }
    Code(general::kHypertension, "none");
    Code(general::kDiabetes, "none");
  }
  General& Bool(const std::string& id, bool b) {
    Set(id).add_values()->set_boolean(b);
    return *this;
  }
  General& Int(const std::string& id, int64_t i) {
    Set(id).add_values()->set_integer(i);
    return *this;
  }
  General& Code(const std::string& id, const std::string& c) {
    Set(id).add_values()->set_code(c);
    return *this;
  }
  General& Date(const std::string& id, const std::string& d) {
    Set(id).add_values()->set_date(d);
    return *this;
  }
  const pb::Response& response() const { return r_; }

  std::vector<pb::Finding> Screen(GeneralSettings settings = {}) const {
    EXPECT_THAT(sdk::ValidateResponse(GeneralForm(), r_), IsEmpty());
    return ScreenGeneral(sdk::Answers(GeneralForm(), r_), settings, absl::CivilDay(2024, 6, 1));
  }

 private:
  pb::Answer& Set(const std::string& id) {
    for (auto& a : *r_.mutable_answers()) {
      if (a.link_id() == id) {
        a.clear_values();
        return a;
      }
    }
    pb::Answer* a = r_.add_answers();
    a->set_link_id(id);
    return *a;
  }
  pb::Response r_ = [] {
    pb::Response r;
    r.set_form_id(kGeneralFormId);
    return r;
  }();
};

std::vector<std::string> Rules(const std::vector<pb::Finding>& findings) {
  std::vector<std::string> ids;
  for (const auto& f : findings) ids.push_back(f.rule_id() + ":" + sdk::OutcomeName(f.outcome()));
  return ids;
}

pb::Outcome Outcome(const std::vector<pb::Finding>& findings) {
  google::protobuf::RepeatedPtrField<pb::Finding> r(findings.begin(), findings.end());
  return sdk::OutcomeOf(r);
}

TEST(GeneralForm, IsValid) { EXPECT_THAT(sdk::ValidateForm(GeneralForm()), IsEmpty()); }

TEST(GeneralRules, AllNoIsClear) { EXPECT_THAT(General().Screen(), IsEmpty()); }

TEST(GeneralRules, DvtNowIsContraindicatedPastOnThinnersNeedsClearanceAndBleed) {
  EXPECT_THAT(Rules(General().Code(general::kDvt, "current_or_suspected").Screen()),
              ElementsAre("GN-DVT:CONTRAINDICATED"));
  auto past = General().Code(general::kDvt, "past_on_anticoagulants").Screen();
  EXPECT_THAT(Rules(past), ElementsAre("GN-DVT:REQUIRES_CLEARANCE", "GN-BLEED:CAUTION"));
}

TEST(GeneralRules, BleedSevereNeedsClearance) {
  auto f = General().Bool(general::kAnticoagulant, true).Bool(general::kSevereBleedingRisk, true).Screen();
  EXPECT_THAT(Rules(f), ElementsAre("GN-BLEED:REQUIRES_CLEARANCE"));
  // The severe question is disabled without a bleeding risk: its answer is ignored.
  EXPECT_THAT(General().Bool(general::kSevereBleedingRisk, true).Screen(), IsEmpty());
}

TEST(GeneralRules, SurgeryWithinConfiguredWeeks) {
  auto recent = General().Bool(general::kRecentSurgery, true).Date(general::kSurgeryDate, "2024-05-01")
                    .Code(general::kIncisionSite, "abdomen").Bool(general::kIncisionHealed, true);
  EXPECT_THAT(Rules(recent.Screen()), ElementsAre("GN-SURG:REQUIRES_CLEARANCE"));  // 31 days < 6 weeks
  GeneralSettings four_weeks;
  four_weeks.surgery_weeks = 4;
  EXPECT_THAT(recent.Screen(four_weeks), IsEmpty());  // healed and older than 4 weeks
  auto unhealed = recent;
  unhealed.Bool(general::kIncisionHealed, false);
  auto f = unhealed.Screen(four_weeks);
  ASSERT_THAT(Rules(f), ElementsAre("GN-SURG:CAUTION"));
  EXPECT_EQ(sdk::ModificationText(f[0].modifications(0)), "AVOID_REGION(abdomen)");
}

TEST(GeneralRules, BloodPressureThresholdIsConfigurable) {
  EXPECT_THAT(General().Code(general::kHypertension, "controlled").Screen(), IsEmpty());
  EXPECT_THAT(Rules(General().Code(general::kHypertension, "uncontrolled").Screen()),
              ElementsAre("GN-BP:CONTRAINDICATED"));
  auto reading = General().Code(general::kHypertension, "controlled").Int(general::kSystolic, 150)
                     .Int(general::kDiastolic, 90);
  EXPECT_THAT(reading.Screen(), IsEmpty());
  GeneralSettings strict;
  strict.systolic_limit = 150;
  EXPECT_THAT(Rules(reading.Screen(strict)), ElementsAre("GN-BP:CONTRAINDICATED"));
}

TEST(GeneralRules, DiabetesCancerMedicationAllergyInjuryPressure) {
  auto f = General().Code(general::kDiabetes, "controlled").Bool(general::kNeuropathy, true)
               .Code(general::kInsulinSites, "abdomen").Bool(general::kCancerTreatment, true)
               .Bool(general::kMedicationToday, true).Code(general::kAllergies, "latex")
               .Bool(general::kAcuteInjury, true).Code(general::kInjurySite, "ankle")
               .Code(general::kInjurySide, "left").Code(general::kPressure, "deep").Screen();
  EXPECT_THAT(Rules(f), ElementsAre("GN-DM:CAUTION", "GN-CA:REQUIRES_CLEARANCE", "GN-MED:CAUTION",
                                    "GN-ALG:CAUTION", "GN-INJ:CONTRAINDICATED", "GN-PRESS:CLEAR"));
  EXPECT_THAT(f[1].required_qualifications(), ElementsAre("oncology-trained"));
  EXPECT_TRUE(f[4].local());
  EXPECT_EQ(f[4].region().laterality(), pb::LEFT);
  EXPECT_EQ(Outcome(f), pb::REQUIRES_CLEARANCE);
  google::protobuf::RepeatedPtrField<pb::Finding> all(f.begin(), f.end());
  // Deep preference clamped to firm by NO_DEEP_PRESSURE.
  EXPECT_THAT(MergeModifications(all),
              UnorderedElementsAre("AVOID_REGION(abdomen)", "AVOID_REGION(ankle)", "MAX_PRESSURE(firm)",
                                   "NO_DEEP_PRESSURE", "PRODUCT_RESTRICTION(latex)"));
}

TEST(GeneralRules, PressurePreferenceClampedByAnyMaxPressure) {
  auto f = General().Bool(general::kAnticoagulant, true).Bool(general::kSevereBleedingRisk, false)
               .Code(general::kPressure, "firm").Screen();
  google::protobuf::RepeatedPtrField<pb::Finding> all(f.begin(), f.end());
  EXPECT_THAT(MergeModifications(all),
              UnorderedElementsAre("MAX_PRESSURE(medium)", "NO_DEEP_PRESSURE", "NO_PERCUSSION"));
}

}  // namespace
}  // namespace fascia::screening
