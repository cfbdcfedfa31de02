// fascia_check_toy.so: a small, complete plugin that exists only to test the
// harness (golden runner, checker, fixture) independently of the reference
// plugins. Two modalities, enable_when, a repeating choice, a client field,
// a clinic setting, a clearance that lowers an outcome, and a plugin-side
// ValidateIntake rule: every path the harness must handle. Not clinical.
// Setting malformed_reply=true gives TOY-2 a rule id fasciad refuses (over
// 32 characters), so tests can see the harness catch such a reply. TOY-6
// sets every other part of a finding (local, region, qualifications, room
// features, referral) so the runner's per-rule expectations have something
// to compare.
#include "fascia/plugin_sdk.h"

namespace {

namespace sdk = ::fascia::plugin_sdk;
namespace pb = ::fascia::plugin_sdk::pb;

pb::Item Question(const std::string& id, pb::ItemType type, bool required) {
  pb::Item item;
  item.set_link_id(id);
  item.set_text(id);
  item.set_type(type);
  item.set_required(required);
  return item;
}

pb::Item Choice(const std::string& id, std::vector<std::string> codes, bool required,
                bool repeats) {
  pb::Item item = Question(id, pb::CHOICE, required);
  item.set_repeats(repeats);
  for (const auto& c : codes) {
    pb::AnswerOption* o = item.add_answer_options();
    o->set_code(c);
    o->set_display(c);
  }
  return item;
}

class Toy : public sdk::Plugin {
 public:
  explicit Toy(const sdk::Settings& settings)
      : pain_threshold_(settings.Integer("pain_threshold", 7, 1, 10)),
        malformed_reply_(settings.Boolean("malformed_reply", false)) {}

  pb::Descriptor Describe() const override {
    pb::Descriptor d;
    d.set_plugin_id("toy");
    d.set_version("1.0.0");
    AddModality(d, "toy", "toy-intake");
    AddModality(d, "toy_short", "toy-short");

    pb::Form* intake = d.add_forms();
    intake->set_id("toy-intake");
    intake->set_version("1");
    intake->set_title("Toy intake");
    *intake->add_items() = Question("toy.bruise", pb::BOOLEAN, true);
    pb::Item site = Choice("toy.bruise_site", {"arm", "leg"}, true, false);
    pb::EnableWhen* when = site.add_enable_when();
    when->set_question("toy.bruise");
    when->set_operator_(pb::EQUALS);
    when->mutable_answer()->set_boolean(true);
    *intake->add_items() = site;
    pb::Item pain = Question("toy.pain", pb::INTEGER, false);
    pain.set_min_value(0);
    pain.set_max_value(10);
    *intake->add_items() = pain;
    *intake->add_items() = Choice("toy.allergies", {"nuts", "latex"}, false, true);
    *intake->add_items() = Question("toy.fracture", pb::BOOLEAN, false);
    pb::Item side = Choice("toy.fracture_side", {"left", "right"}, true, false);
    pb::EnableWhen* fractured = side.add_enable_when();
    fractured->set_question("toy.fracture");
    fractured->set_operator_(pb::EQUALS);
    fractured->mutable_answer()->set_boolean(true);
    *intake->add_items() = side;

    pb::Form* short_form = d.add_forms();
    short_form->set_id("toy-short");
    short_form->set_version("1");
    short_form->set_title("Toy short intake");
    *short_form->add_items() = Question("toy.tired", pb::BOOLEAN, true);

    d.add_client_fields("age_years");
    for (const char* id : {"TOY-1", "TOY-2", "TOY-3", "TOY-4", "TOY-5", "TOY-6"}) {
      pb::RuleInfo* r = d.add_rules();
      r->set_id(id);
      r->set_title(id);
    }
    return d;
  }

  std::vector<pb::FieldError> ValidateIntake(const std::string& modality,
                                             const sdk::Answers& answers) const override {
    std::vector<pb::FieldError> errors;
    if (answers.Integer("toy.pain") == 10) {
      pb::FieldError e;
      e.set_field("toy.pain");
      e.set_description("a pain of 10 needs emergency care, not an intake");
      errors.push_back(e);
    }
    return errors;
  }

  std::vector<pb::Finding> Screen(const sdk::ScreenInput& in) const override {
    std::vector<pb::Finding> out;
    if (in.modality == "toy_short") {
      if (in.answers.IsTrue("toy.tired")) {
        pb::Finding f = sdk::MakeFinding("TOY-5", pb::CAUTION, "tired");
        out.push_back(sdk::AddModification(f, "SHORT_SESSION"));
      }
      return out;
    }
    if (in.answers.IsTrue("toy.bruise")) {
      pb::Finding f = sdk::MakeFinding("TOY-1", pb::CAUTION, "bruise");
      out.push_back(
          sdk::AddModification(f, "AVOID_REGION", in.answers.Code("toy.bruise_site").value_or("")));
    }
    if (in.answers.Integer("toy.pain").value_or(0) >= pain_threshold_) {
      out.push_back(sdk::MakeFinding(
          malformed_reply_ ? "TOY-2-WITH-A-RULE-ID-LONGER-THAN-32" : "TOY-2",
          in.HasClearance("TOY-2") ? pb::REQUIRES_CLEARANCE : pb::CONTRAINDICATED, "pain"));
    }
    if (in.ClientInteger("age_years").value_or(0) >= 65) {
      pb::Finding f = sdk::MakeFinding("TOY-3", pb::CAUTION, "age");
      out.push_back(sdk::AddModification(f, "NO_DEEP_PRESSURE"));
    }
    std::vector<std::string> allergies = in.answers.Codes("toy.allergies");
    if (!allergies.empty()) {
      pb::Finding f = sdk::MakeFinding("TOY-4", pb::CAUTION, "allergy");
      for (const auto& a : allergies) sdk::AddModification(f, "PRODUCT_RESTRICTION", a);
      out.push_back(f);
    }
    if (in.answers.IsTrue("toy.fracture")) {
      pb::Finding f = sdk::MakeFinding("TOY-6", pb::CONTRAINDICATED, "fracture");
      f.set_local(true);
      f.mutable_region()->set_site("wrist");
      f.mutable_region()->set_laterality(
          in.answers.Code("toy.fracture_side") == "left" ? pb::LEFT : pb::RIGHT);
      f.add_required_qualifications("toy-splinting");
      f.add_required_qualifications("toy-licence");
      f.add_required_room_features("toy-table");
      f.set_referral(pb::URGENT);
      out.push_back(f);
    }
    return out;
  }

 private:
  static void AddModality(pb::Descriptor& d, const std::string& code, const std::string& form) {
    pb::Modality* m = d.add_modalities();
    m->set_code(code);
    m->set_display(code);
    m->set_form_id(form);
  }

  int64_t pain_threshold_;
  bool malformed_reply_;
};

}  // namespace

FASCIA_PLUGIN(Toy, "toy", "1.0.0", FASCIA_PLUGIN_CONCURRENT)
