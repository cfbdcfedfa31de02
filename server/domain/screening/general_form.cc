// The general intake section; see general_form.h. Changing any item means a
// new version, and link_ids are never reused for another question.
#include "domain/screening/general_form.h"

#include <string>
#include <utility>
#include <vector>

#include "fascia/form_builder.h"

namespace fascia::screening {
namespace {

using plugin_sdk::Options;

pb::Item* Add(pb::Form& form, const char* id, pb::ItemType type, const char* text,
              bool required = false) {
  pb::Item* item = form.add_items();
  item->set_link_id(id);
  item->set_type(type);
  item->set_text(text);
  item->set_required(required);
  return item;
}

void SetOptions(pb::Item* item, const Options& options) {
  for (const auto& [code, display] : options) {
    pb::AnswerOption* o = item->add_answer_options();
    o->set_code(code);
    o->set_display(display);
  }
}

const Options kBodySites = {
    {"head", "Head"},   {"neck", "Neck"},         {"shoulder", "Shoulder"}, {"arm", "Arm"},
    {"hand", "Hand"},   {"chest", "Chest"},       {"abdomen", "Abdomen"},   {"upper_back", "Upper back"},
    {"lower_back", "Lower back"}, {"hip", "Hip"}, {"thigh", "Thigh"},       {"knee", "Knee"},
    {"calf", "Calf"},   {"ankle", "Ankle"},       {"foot", "Foot"}};

pb::Form Build() {
  pb::Form f;
  f.set_id(kGeneralFormId);
  f.set_version("1");
  f.set_title("General health");
  using namespace general;  // NOLINT: the link ids
  SetOptions(Add(f, kDvt, pb::CHOICE, "Deep vein thrombosis (blood clot)?", true),
             {{"none", "Never"},
              {"current_or_suspected", "Now, or suspected now"},
              {"past_on_anticoagulants", "In the past, now on blood thinners"},
              {"past", "In the past, resolved"}});
  Add(f, kBleedingDisorder, pb::BOOLEAN, "Bleeding or clotting disorder?", true);
  Add(f, kAnticoagulant, pb::BOOLEAN, "Taking blood thinners (anticoagulant or antiplatelet)?", true);
  pb::Item* severe = Add(f, kSevereBleedingRisk, pb::BOOLEAN,
                         "Very low platelets, or a bleed in the last month?", true);
  plugin_sdk::EnableWhen(*severe, kBleedingDisorder, pb::EQUALS, plugin_sdk::BoolValue(true));
  plugin_sdk::EnableWhen(*severe, kAnticoagulant, pb::EQUALS, plugin_sdk::BoolValue(true));
  severe->set_enable_behavior(pb::ANY);
  Add(f, kRecentSurgery, pb::BOOLEAN, "Surgery in the last 3 months?", true);
  pb::Item* date = Add(f, kSurgeryDate, pb::DATE, "Date of the surgery", true);
  plugin_sdk::EnableWhen(*date, kRecentSurgery, pb::EQUALS, plugin_sdk::BoolValue(true));
  pb::Item* site = Add(f, kIncisionSite, pb::CHOICE, "Where was the incision?", true);
  SetOptions(site, kBodySites);
  plugin_sdk::EnableWhen(*site, kRecentSurgery, pb::EQUALS, plugin_sdk::BoolValue(true));
  pb::Item* healed = Add(f, kIncisionHealed, pb::BOOLEAN, "Has the incision fully healed?", true);
  plugin_sdk::EnableWhen(*healed, kRecentSurgery, pb::EQUALS, plugin_sdk::BoolValue(true));
  SetOptions(Add(f, kHypertension, pb::CHOICE, "High blood pressure?", true),
             {{"none", "No"}, {"controlled", "Yes, controlled"}, {"uncontrolled", "Yes, not controlled"}});
  pb::Item* sys = Add(f, kSystolic, pb::INTEGER, "Today's reading: systolic (mmHg), if taken");
  sys->set_min_value(50);
  sys->set_max_value(300);
  pb::Item* dia = Add(f, kDiastolic, pb::INTEGER, "Today's reading: diastolic (mmHg), if taken");
  dia->set_min_value(30);
  dia->set_max_value(200);
  plugin_sdk::EnableWhen(*dia, kSystolic, pb::EXISTS, plugin_sdk::BoolValue(true));
  SetOptions(Add(f, kDiabetes, pb::CHOICE, "Diabetes?", true),
             {{"none", "No"}, {"controlled", "Yes, controlled"}, {"uncontrolled", "Yes, not controlled"}});
  pb::Item* neuropathy = Add(f, kNeuropathy, pb::BOOLEAN, "Numbness or neuropathy in hands or feet?", true);
  plugin_sdk::EnableWhen(*neuropathy, kDiabetes, pb::NOT_EQUALS, plugin_sdk::CodeValue("none"));
  pb::Item* insulin = Add(f, kInsulinSites, pb::CHOICE, "Insulin injection or pump sites");
  insulin->set_repeats(true);
  SetOptions(insulin, {{"abdomen", "Abdomen"}, {"thigh", "Thigh"}, {"arm", "Arm"}, {"hip", "Hip"}});
  plugin_sdk::EnableWhen(*insulin, kDiabetes, pb::NOT_EQUALS, plugin_sdk::CodeValue("none"));
  Add(f, kCancerTreatment, pb::BOOLEAN, "In active cancer treatment?", true);
  Add(f, kMedicationToday, pb::BOOLEAN, "Took a pain reliever or muscle relaxant today?", true);
  pb::Item* allergies = Add(f, kAllergies, pb::CHOICE, "Allergies to any of these");
  allergies->set_repeats(true);
  SetOptions(allergies, {{"oils", "Oils"}, {"nuts", "Nuts"}, {"lotions", "Lotions"}, {"latex", "Latex"},
                         {"fragrance", "Fragrance"}});
  Add(f, kAcuteInjury, pb::BOOLEAN, "A strain, sprain or bruise in the last 72 hours?", true);
  pb::Item* injury_site = Add(f, kInjurySite, pb::CHOICE, "Where?", true);
  SetOptions(injury_site, kBodySites);
  plugin_sdk::EnableWhen(*injury_site, kAcuteInjury, pb::EQUALS, plugin_sdk::BoolValue(true));
  pb::Item* side = Add(f, kInjurySide, pb::CHOICE, "Which side?");
  SetOptions(side, {{"left", "Left"}, {"right", "Right"}, {"bilateral", "Both"}});
  plugin_sdk::EnableWhen(*side, kAcuteInjury, pb::EQUALS, plugin_sdk::BoolValue(true));
  SetOptions(Add(f, kPressure, pb::CHOICE, "Pressure you prefer"),
             {{"light", "Light"}, {"medium", "Medium"}, {"firm", "Firm"}, {"deep", "Deep"}});
  return f;
}

}  // namespace

const pb::Form& GeneralForm() {
  static const pb::Form* form = new pb::Form(Build());
  return *form;
}

}  // namespace fascia::screening
