// The intake forms fasciad offers: one per modality a loaded plugin screens,
// organizations/{org}/intakeForms/{modality}. Each is the general section
// (domain/screening/general_form.h, link_ids "general.*") followed by the
// plugin's form for the modality.
//
// Thread-safe: reads the immutable plugin registry.
#ifndef FASCIA_API_INTAKE_FORMS_H_
#define FASCIA_API_INTAKE_FORMS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "fascia/plugin/v1/plugin.pb.h"
#include "fascia/v1/intake.pb.h"
#include "plugins/plugin_registry.h"

namespace fascia::api {

inline constexpr char kIntakeFormPattern[] = "organizations/*/intakeForms/*";

// What screening one modality needs: the plugin and its form.
struct ModalityForm {
  plugins::Plugin* plugin = nullptr;
  const fascia::plugin::v1::Form* form = nullptr;
  std::string modality;
};

// The plugin and form for `modality`, or nullopt if no plugin screens it.
std::optional<ModalityForm> FindModalityForm(const plugins::PluginRegistry& registry,
                                             const std::string& modality);

// The public form `organizations/{org}/intakeForms/{modality}`.
fascia::v1::IntakeForm ComposeIntakeForm(const std::string& organization, const ModalityForm& m);

// Every modality's form, ordered by modality.
std::vector<fascia::v1::IntakeForm> ListIntakeForms(const plugins::PluginRegistry& registry,
                                                    const std::string& organization);

}  // namespace fascia::api

#endif  // FASCIA_API_INTAKE_FORMS_H_
