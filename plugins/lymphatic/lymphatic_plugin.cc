// The manual lymphatic drainage plugin: reads the clinic's settings once,
// describes its modality, form, rules and the client field it needs (age,
// for ML-8), and screens by running lymphatic_rules.cc.
// Stateless after construction, so it registers as FASCIA_PLUGIN_CONCURRENT.
#include <string>
#include <vector>

#include "fascia/plugin_sdk.h"
#include "lymphatic_form.h"
#include "lymphatic_rules.h"

namespace fascia::plugins::lymphatic {
namespace {

constexpr char kPluginId[] = "lymphatic";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kModality[] = "lymphatic";

class LymphaticPlugin : public sdk::Plugin {
 public:
  explicit LymphaticPlugin(const sdk::Settings& settings) {
    settings_.neck_clearance_age = settings.Integer("neck_clearance_age", 60, 18, 120);
  }

  pb::Descriptor Describe() const override {
    pb::Descriptor d;
    d.set_plugin_id(kPluginId);
    d.set_version(kPluginVersion);
    pb::Modality* m = d.add_modalities();
    m->set_code(kModality);
    m->set_display("Manual lymphatic drainage");
    m->set_form_id(kFormId);
    *d.add_forms() = BuildForm();
    d.add_client_fields(kAgeYears);  // ML-8: neck work over the clinic's age
    for (const Rule& rule : Rules()) {
      pb::RuleInfo* info = d.add_rules();
      info->set_id(rule.id);
      info->set_title(rule.title);
    }
    return d;
  }

  std::vector<pb::FieldError> ValidateIntake(const std::string&,
                                             const sdk::Answers& answers) const override {
    return ValidateAnswers(answers);
  }

  std::vector<pb::Finding> Screen(const sdk::ScreenInput& input) const override {
    return ScreenAll(input, settings_);
  }

 private:
  RuleSettings settings_;
};

}  // namespace
}  // namespace fascia::plugins::lymphatic

FASCIA_PLUGIN(::fascia::plugins::lymphatic::LymphaticPlugin, "lymphatic", "1.0.0",
              FASCIA_PLUGIN_CONCURRENT)
