// The prenatal plugin: reads the clinic's settings once, describes its
// modality, form and rules, and screens by running prenatal_rules.cc.
// Stateless after construction, so it registers as FASCIA_PLUGIN_CONCURRENT.
#include <string>
#include <vector>

#include "fascia/plugin_sdk.h"
#include "prenatal_form.h"
#include "prenatal_rules.h"

namespace fascia::plugins::prenatal {
namespace {

constexpr char kPluginId[] = "prenatal";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kModality[] = "prenatal";

// PN-1 may be raised (a clinic that wants clearance in the first trimester)
// but never lowered to CLEAR.
pb::Outcome ReadPn1Outcome(const sdk::Settings& settings) {
  const char* key = "pn1_outcome";
  pb::Outcome o = settings.Outcome(key, pb::CAUTION);
  if (o == pb::CLEAR) {
    pb::FieldError e =
        sdk::MakeFieldError(key, "must be CAUTION, REQUIRES_CLEARANCE or CONTRAINDICATED");
    throw sdk::PluginError(pb::Error::INVALID_ARGUMENT,
                           std::string("setting ") + key + " " + e.description(), {e});
  }
  return o;
}

class PrenatalPlugin : public sdk::Plugin {
 public:
  explicit PrenatalPlugin(const sdk::Settings& settings) {
    settings_.pn1_outcome = ReadPn1Outcome(settings);
    settings_.bolsters_from_week = settings.Integer("bolsters_from_week", 13, 0, 44);
    settings_.flat_supine_from_week = settings.Integer("flat_supine_from_week", 20, 0, 44);
  }

  pb::Descriptor Describe() const override {
    pb::Descriptor d;
    d.set_plugin_id(kPluginId);
    d.set_version(kPluginVersion);
    pb::Modality* m = d.add_modalities();
    m->set_code(kModality);
    m->set_display("Prenatal massage");
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
}  // namespace fascia::plugins::prenatal

FASCIA_PLUGIN(::fascia::plugins::prenatal::PrenatalPlugin, "prenatal", "1.0.0",
              FASCIA_PLUGIN_CONCURRENT)
