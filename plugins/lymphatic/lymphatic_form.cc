// The manual lymphatic drainage intake form as data (FHIR Questionnaire-like),
// and its plugin-specific answer checks. The option codes are what the rules
// in lymphatic_rules.cc read.
#include "lymphatic_form.h"

#include <string>
#include <utility>

#include "fascia/form_builder.h"

namespace fascia::plugins::lymphatic {
namespace {

using sdk::Choice;
using sdk::Options;  // (code, display)
using sdk::Question;

}  // namespace

pb::Form BuildForm() {
  pb::Form form;
  form.set_id(kFormId);
  form.set_version(kFormVersion);
  form.set_title("Manual lymphatic drainage intake");
  auto add = [&form](pb::Item item) { *form.add_items() = std::move(item); };

  add(Choice(kInfection, "Do you have any of these right now?",
             {{kNone, "None of these"},
              {"acute_infection", "An infection"},
              {"cellulitis_or_erysipelas", "Cellulitis or erysipelas (red, hot, spreading skin)"},
              {"fever", "Fever"}},
             /*repeats=*/true));
  add(Choice(kClot,
             "Have you had a deep vein thrombosis, thrombophlebitis, a blood clot or an embolism?",
             {{kNone, "No"},
              {"acute", "Yes, in the last 2 months, or not yet treated"},
              {"treated_stable", "Yes, treated and now stable"}}));
  add(Choice(kHeart, "Do you have heart failure or swelling because of your heart?",
             {{kNone, "No"},
              {"compensated_managed", "Yes, stable and managed by my doctor"},
              {"decompensated", "Yes, and it is getting worse or not controlled"}}));
  add(Choice(kKidney, "Do you have kidney disease?",
             {{kNone, "No"},
              {"chronic_kidney_disease", "Chronic kidney disease"},
              {"renal_failure", "Kidney (renal) failure"}}));
  add(Question(kMalignancy, pb::BOOLEAN, "Do you have cancer that is active or not yet treated?"));
  add(Choice(kBloodPressure, "How is your blood pressure?",
             {{"normal", "Normal"},
              {"controlled_hypertension", "High, but controlled"},
              {"hypotension", "Low"},
              {"severe_or_unstable_hypertension", "High and severe or not controlled"}}));
  add(Question(kAsthma, pb::BOOLEAN, "Do you have asthma?"));
  pb::Item today = Question(kAsthmaToday, pb::BOOLEAN, "Are you having asthma symptoms today?");
  add(sdk::EnableWhen(today, kAsthma, pb::EQUALS, sdk::BoolValue(true)));
  add(Choice(kNeckConditions, "Do you have any of these?",
             {{kNone, "None of these"},
              {"thyroid_disease", "Thyroid disease"},
              {"carotid_sinus_hypersensitivity", "Carotid sinus hypersensitivity"},
              {"arrhythmia", "An irregular heartbeat (arrhythmia)"}},
             /*repeats=*/true));
  add(Question(kPregnant, pb::BOOLEAN, "Are you pregnant?"));
  pb::Item weeks = Question(kGestationWeeks, pb::INTEGER, "How many weeks pregnant are you?");
  weeks.set_min_value(0);
  weeks.set_max_value(44);  // beyond any ongoing pregnancy: a typo
  add(sdk::EnableWhen(weeks, kPregnant, pb::EQUALS, sdk::BoolValue(true)));
  add(Question(kOedemaUnknown, pb::BOOLEAN,
               "Do you have swelling (oedema) that no doctor has explained?"));
  add(Choice(kLymphedemaStage, "Have you been diagnosed with lymphedema? If so, which stage?",
             {{kNone, "No"},
              {"stage_0", "Stage 0 (latent, no visible swelling)"},
              {"stage_1", "Stage I"},
              {"stage_2", "Stage II"},
              {"stage_3", "Stage III"}}));
  return form;
}

std::vector<pb::FieldError> ValidateAnswers(const sdk::Answers& answers) {
  return sdk::CheckExclusiveCode(answers, {kInfection, kNeckConditions}, kNone);
}

}  // namespace fascia::plugins::lymphatic
