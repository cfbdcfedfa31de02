// The sports intake form as data (FHIR Questionnaire-like), and its
// plugin-specific answer checks. The option codes are what the rules in
// sports_rules.cc read; body sites are lower_snake region names.
#include "sports_form.h"

#include <string>
#include <utility>

#include "fascia/form_builder.h"

namespace fascia::plugins::sports {
namespace {

using sdk::Choice;
using sdk::Options;  // (code, display)
using sdk::Question;

// Hours are capped at a year: beyond that the timing no longer matters, and a
// larger number is a typo.
constexpr double kMaxHours = 24 * 366;

const Options& BodySites() {
  static const auto* sites = new Options{
      {"head", "Head"},         {"neck", "Neck"},           {"shoulder", "Shoulder"},
      {"upper_arm", "Upper arm"}, {"elbow", "Elbow"},       {"forearm", "Forearm"},
      {"wrist", "Wrist"},       {"hand", "Hand"},           {"chest", "Chest"},
      {"abdomen", "Abdomen"},   {"upper_back", "Upper back"}, {"lower_back", "Lower back"},
      {"hip", "Hip"},           {"buttock", "Buttock"},     {"thigh", "Thigh"},
      {"hamstring", "Back of the thigh"}, {"knee", "Knee"}, {"calf", "Calf"},
      {"shin", "Shin"},         {"ankle", "Ankle"},         {"foot", "Foot"}};
  return *sites;
}

const Options& Sides() {
  static const auto* sides =
      new Options{{"left", "Left"}, {"right", "Right"}, {"bilateral", "Both sides or middle"}};
  return *sides;
}

pb::Item Hours(const std::string& id, const std::string& text) {
  pb::Item item = Question(id, pb::INTEGER, text);
  item.set_min_value(0);
  item.set_max_value(kMaxHours);
  return item;
}

pb::Item Group(const std::string& id, const std::string& text, const std::string& question,
               std::vector<pb::Item> items) {
  pb::Item group;
  group.set_link_id(id);
  group.set_type(pb::GROUP);
  group.set_text(text);
  sdk::EnableWhen(group, question, pb::EQUALS, sdk::BoolValue(true));
  for (auto& item : items) *group.add_items() = std::move(item);
  return group;
}

// SP-1, SP-2: one current injury, where, which side, how long ago.
void AddInjury(pb::Form& form) {
  *form.add_items() = Question(
      kInjury, pb::BOOLEAN, "Do you have a current strain, sprain, bruise or possible fracture?");
  *form.add_items() = Group(
      kInjuryGroup, "Your injury", kInjury,
      {Choice(kInjuryType, "What kind of injury?",
              {{"strain", "Strain (pulled muscle)"},
               {"sprain", "Sprain (twisted joint)"},
               {"contusion", "Bruise (contusion)"},
               {"suspected_fracture", "Possible broken bone"}}),
       Choice(kInjurySite, "Where?", BodySites()), Choice(kInjurySide, "Which side?", Sides()),
       Hours(kHoursSinceInjury, "About how many hours ago did it happen?")});
}

// SP-3: head impact with symptoms, assessment status and red flags.
void AddHeadImpact(pb::Form& form) {
  *form.add_items() = Question(
      kHeadImpact, pb::BOOLEAN,
      "Have you hit your head and had symptoms since (headache, dizziness, confusion, nausea)?");
  *form.add_items() = Group(
      kHeadGroup, "Your head impact", kHeadImpact,
      {Choice(kConcussionStatus, "Has a health professional assessed it?",
              {{"not_assessed", "Not yet assessed"},
               {"under_management", "Diagnosed concussion, under a professional's care"}}),
       Choice(kHeadRedFlags, "Do you have any of these now?",
              {{kNone, "None of these"},
               {"vertigo", "Vertigo (the room spinning)"},
               {"double_vision", "Double vision"},
               {"worsening_headache", "A headache that is getting worse"}},
              /*repeats=*/true)});
}

// SP-4, SP-5: competition timing.
void AddEvent(pb::Form& form) {
  *form.add_items() = Choice(kEvent, "Are you competing soon, or did you just compete?",
                             {{kNone, "Neither"},
                              {"upcoming", "I have an event coming up"},
                              {"recent", "I recently finished an event"}},
                             /*repeats=*/true);
  pb::Item until = Hours(kHoursUntilEvent, "In about how many hours does your event start?");
  sdk::EnableWhen(until, kEvent, pb::EQUALS, sdk::CodeValue("upcoming"));
  *form.add_items() = until;
  pb::Item since = Hours(kHoursSinceEvent, "About how many hours ago did your event end?");
  sdk::EnableWhen(since, kEvent, pb::EQUALS, sdk::CodeValue("recent"));
  *form.add_items() = since;
}

// SP-6: an open, burned or healing wound.
void AddWound(pb::Form& form) {
  *form.add_items() =
      Question(kWound, pb::BOOLEAN, "Do you have an open wound, a burn or a wound still healing?");
  pb::Item site = Choice(kWoundSite, "Where is the wound?", BodySites());
  sdk::EnableWhen(site, kWound, pb::EQUALS, sdk::BoolValue(true));
  *form.add_items() = site;
  pb::Item side = Choice(kWoundSide, "Which side is the wound on?", Sides());
  sdk::EnableWhen(side, kWound, pb::EQUALS, sdk::BoolValue(true));
  *form.add_items() = side;
}

// SP-7: inflammation, local (where) or systemic with fever.
void AddInflammation(pb::Form& form) {
  *form.add_items() = Choice(kInflammation, "Do you have inflammation (heat, redness, swelling)?",
                             {{kNone, "No"},
                              {"local", "Yes, in one area"},
                              {"systemic_with_fever", "Yes, and I have a fever"}});
  pb::Item site = Choice(kInflammationSite, "Where is the inflammation?", BodySites());
  sdk::EnableWhen(site, kInflammation, pb::EQUALS, sdk::CodeValue("local"));
  *form.add_items() = site;
  pb::Item side = Choice(kInflammationSide, "Which side is the inflammation on?", Sides());
  sdk::EnableWhen(side, kInflammation, pb::EQUALS, sdk::CodeValue("local"));
  *form.add_items() = side;
}

// SP-8: blood thinners and bleeding risk.
void AddBleeding(pb::Form& form) {
  *form.add_items() = Choice(kBleeding, "Does any of this apply to you?",
                             {{kNone, "None of these"},
                              {"anticoagulant_or_antiplatelet",
                               "I take a blood thinner (anticoagulant or antiplatelet)"},
                              {"bleeding_disorder", "I have a bleeding disorder"},
                              {"low_platelets", "I have been told my platelets are low"},
                              {"recent_bleed", "I had a significant bleed recently"}},
                             /*repeats=*/true);
}

}  // namespace

pb::Form BuildForm() {
  pb::Form form;
  form.set_id(kFormId);
  form.set_version(kFormVersion);
  form.set_title("Sports massage intake");
  AddInjury(form);
  AddHeadImpact(form);
  AddEvent(form);
  AddWound(form);
  AddInflammation(form);
  AddBleeding(form);
  return form;
}

std::vector<pb::FieldError> ValidateAnswers(const sdk::Answers& answers) {
  return sdk::CheckExclusiveCode(answers, {kHeadRedFlags, kEvent, kBleeding}, kNone);
}

}  // namespace fascia::plugins::sports
