// The prenatal intake form as data (FHIR Questionnaire-like), and its
// plugin-specific answer checks. The questions are worded for the client;
// the option codes are what the rules in prenatal_rules.cc read.
#include "prenatal_form.h"

#include <string>
#include <utility>

#include "fascia/form_builder.h"

namespace fascia::plugins::prenatal {
namespace {

using sdk::Choice;
using sdk::Options;  // (code, display)
using sdk::Question;

pb::Item PregnancyGroup() {
  pb::Item group;
  group.set_link_id(kPregnancyGroup);
  group.set_type(pb::GROUP);
  group.set_text("Your pregnancy");
  sdk::EnableWhen(group, kPregnant, pb::EQUALS, sdk::BoolValue(true));

  pb::Item weeks = Question(kGestationWeeks, pb::INTEGER, "How many weeks pregnant are you?");
  // 44 weeks is beyond any ongoing pregnancy; a larger number is a typo.
  weeks.set_min_value(0);
  weeks.set_max_value(44);
  *group.add_items() = weeks;

  *group.add_items() = Choice(
      kWarningSigns, "Do you have any of these right now?",
      {{kNone, "None of these"},
       {"bleeding", "Vaginal bleeding"},
       {"fluid_leak", "Leaking fluid"},
       {"regular_contractions", "Regular contractions"},
       {"reduced_fetal_movement", "Less movement from the baby than usual"},
       {"severe_headache_or_visual_change", "Severe headache or changes in vision"},
       {"sudden_swelling", "Sudden swelling of the face, hands or feet"},
       {"calf_pain_or_swelling", "Pain, swelling or warmth in a calf"},
       {"fever", "Fever"}},
      /*repeats=*/true);

  // Which calf: one-sided calf symptoms suggest a clot (PN-9).
  pb::Item calf = Choice(kCalfSide, "Which calf?",
                         {{"left", "Left"}, {"right", "Right"}, {"bilateral", "Both"}});
  sdk::EnableWhen(calf, kWarningSigns, pb::EQUALS, sdk::CodeValue("calf_pain_or_swelling"));
  *group.add_items() = calf;

  *group.add_items() = Choice(
      kConditions, "Has a doctor or midwife told you about any of these in this pregnancy?",
      {{kNone, "None of these"},
       {"preeclampsia", "Preeclampsia"},
       {"gestational_hypertension", "High blood pressure caused by the pregnancy"},
       {"gestational_diabetes", "Gestational diabetes"},
       {"placental_abnormality", "Placenta previa or another problem with the placenta"},
       {"suspected_dvt", "A blood clot in a leg (DVT), current or suspected"},
       {"bed_rest", "Prescribed bed rest"}},
      /*repeats=*/true);

  pb::Item diabetes = Choice(kDiabetesControl, "Is your gestational diabetes under control?",
                             {{"controlled", "Yes, it is under control"},
                              {"uncontrolled", "No, or not sure"}});
  sdk::EnableWhen(diabetes, kConditions, pb::EQUALS, sdk::CodeValue("gestational_diabetes"));
  *group.add_items() = diabetes;

  *group.add_items() = Choice(
      kHighRiskFlags, "Does any of this apply to your pregnancy?",
      {{kNone, "None of these"},
       {"preterm_labour_history", "Preterm labour before, or in this pregnancy"},
       {"multiples", "Twins or more"},
       {"cerclage", "A cervical stitch (cerclage)"},
       {"other_high_risk", "My pregnancy is classed as high risk for another reason"}},
      /*repeats=*/true);
  return group;
}

}  // namespace

pb::Form BuildForm() {
  pb::Form form;
  form.set_id(kFormId);
  form.set_version(kFormVersion);
  form.set_title("Prenatal massage intake");
  *form.add_items() = Question(kPregnant, pb::BOOLEAN, "Are you pregnant?");
  *form.add_items() = PregnancyGroup();
  return form;
}

std::vector<pb::FieldError> ValidateAnswers(const sdk::Answers& answers) {
  return sdk::CheckExclusiveCode(answers, {kWarningSigns, kConditions, kHighRiskFlags}, kNone);
}

}  // namespace fascia::plugins::prenatal
