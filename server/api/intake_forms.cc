// Intake forms per modality; see intake_forms.h.
#include "api/intake_forms.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "api/plugin_convert.h"
#include "domain/screening/general_form.h"

namespace fascia::api {

namespace v1 = fascia::v1;

std::optional<ModalityForm> FindModalityForm(const plugins::PluginRegistry& registry,
                                             const std::string& modality) {
  plugins::Plugin* plugin = registry.ForModality(modality);
  if (plugin == nullptr) return std::nullopt;
  for (const auto& m : plugin->descriptor().modalities()) {
    if (m.code() != modality) continue;
    const auto* form = plugins::PluginRegistry::FindForm(*plugin, m.form_id());
    if (form == nullptr) return std::nullopt;  // ValidateDescriptor rules this out
    return ModalityForm{plugin, form, modality};
  }
  return std::nullopt;
}

v1::IntakeForm ComposeIntakeForm(const std::string& organization, const ModalityForm& m) {
  // The general section goes first as a GROUP, so a client answers the
  // questions every modality needs before the modality's own.
  fascia::plugin::v1::Form composed = *m.form;
  fascia::plugin::v1::Item general;
  general.set_link_id("general");
  general.set_type(fascia::plugin::v1::GROUP);
  general.set_text(screening::GeneralForm().title());
  *general.mutable_items() = screening::GeneralForm().items();
  composed.mutable_items()->Clear();
  *composed.add_items() = general;
  for (const auto& item : m.form->items()) *composed.add_items() = item;

  v1::IntakeForm form = ConvertMirror<v1::IntakeForm>(composed);
  form.set_name(absl::StrCat(organization, "/intakeForms/", m.modality));
  form.set_modality(m.modality);
  form.set_plugin(m.plugin->info().plugin_id);
  form.set_plugin_version(m.plugin->info().version);
  form.set_general_form_version(screening::GeneralForm().version());
  return form;
}

std::vector<v1::IntakeForm> ListIntakeForms(const plugins::PluginRegistry& registry,
                                            const std::string& organization) {
  std::map<std::string, v1::IntakeForm> by_modality;
  for (plugins::Plugin* plugin : registry.all()) {
    for (const auto& m : plugin->descriptor().modalities()) {
      if (registry.ForModality(m.code()) != plugin) continue;
      if (auto found = FindModalityForm(registry, m.code())) {
        by_modality[m.code()] = ComposeIntakeForm(organization, *found);
      }
    }
  }
  std::vector<v1::IntakeForm> forms;
  for (auto& [code, form] : by_modality) forms.push_back(std::move(form));
  return forms;
}

}  // namespace fascia::api
