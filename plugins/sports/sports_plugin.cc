// The sports plugin: reads the clinic's timing thresholds once, describes its
// modality, form and rules, and screens by running sports_rules.cc.
// Stateless after construction, so it registers as FASCIA_PLUGIN_CONCURRENT.
#include <string>
#include <vector>

#include "fascia/plugin_sdk.h"
#include "sports_form.h"
#include "sports_rules.h"

namespace fascia::plugins::sports {
namespace {

constexpr char kPluginId[] = "sports";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kModality[] = "sports";

class SportsPlugin : public sdk::Plugin {
 public:
  // Bounds keep a typo from switching a rule off (0 hours) or on for ever.
  explicit SportsPlugin(const sdk::Settings& settings) {
    settings_.acute_injury_hours = settings.Integer("acute_injury_hours", 72, 1, 24 * 30);
    settings_.pre_event_hours = settings.Integer("pre_event_hours", 48, 1, 24 * 14);
    settings_.post_event_hours = settings.Integer("post_event_hours", 24, 1, 24 * 7);
  }

  pb::Descriptor Describe() const override {
    pb::Descriptor d;
    d.set_plugin_id(kPluginId);
    d.set_version(kPluginVersion);
    pb::Modality* m = d.add_modalities();
    m->set_code(kModality);
    m->set_display("Sports massage");
    m->set_form_id(kFormId);
    *d.add_forms() = BuildForm();
    for (const Rule& rule : Rules()) {
      pb::RuleInfo* info = d.add_rules();
      info->set_id(rule.id);
      info->set_title(rule.title);
    }
    return d;  // no client_fields: the form asks for everything the rules need
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
}  // namespace fascia::plugins::sports

FASCIA_PLUGIN(::fascia::plugins::sports::SportsPlugin, "sports", "1.0.0",
              FASCIA_PLUGIN_CONCURRENT)
