// See plugin_registry.h. A modality belongs to the first plugin that loads
// with it; a later plugin claiming any taken modality is rejected whole, so
// a plugin is either fully served or not at all.
#include "plugins/plugin_registry.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace fascia::plugins {
namespace {

// A plugin must provide every modality its configuration declares: a clinic
// that declared one relies on its bookings being screened.
absl::Status ProvidesDeclared(const Plugin& plugin, const PluginSpec& spec) {
  for (const std::string& declared : spec.modalities) {
    bool found = false;
    for (const pb::Modality& m : plugin.descriptor().modalities()) found = found || m.code() == declared;
    if (!found) {
      return absl::FailedPreconditionError(
          absl::StrCat("plugin ", spec.path, ": does not provide modality ", declared,
                       ", which its configuration declares"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::unique_ptr<PluginRegistry> PluginRegistry::Load(const std::vector<PluginSpec>& specs) {
  auto registry = std::make_unique<PluginRegistry>();
  std::set<std::string> declared_but_rejected;
  for (const PluginSpec& spec : specs) {
    absl::StatusOr<std::unique_ptr<Plugin>> plugin = LoadPlugin(spec);
    absl::Status status = plugin.ok() ? ProvidesDeclared(**plugin, spec) : plugin.status();
    if (status.ok()) status = registry->Add(std::move(*plugin));
    if (!status.ok()) {
      Log(LogLevel::kError, "plugin_rejected", {{"path", spec.path}, {"reason", status.message()}});
      declared_but_rejected.insert(spec.modalities.begin(), spec.modalities.end());
      continue;
    }
    Plugin* loaded = registry->plugins_.back().get();
    Log(LogLevel::kInfo, "plugin_loaded",
        {{"path", spec.path},
         {"plugin", loaded->info().plugin_id},
         {"version", loaded->info().version},
         {"mode", spec.mode == Mode::kIsolated ? "isolated" : "in_process"}});
  }
  for (const std::string& modality : declared_but_rejected) {
    if (registry->ForModality(modality) != nullptr) continue;  // another plugin serves it
    registry->unavailable_.insert(modality);
    Log(LogLevel::kError, "modality_unavailable",
        {{"modality", modality},
         {"effect", "bookings of its services are refused until its plugin loads"}});
  }
  return registry;
}

absl::Status PluginRegistry::Add(std::unique_ptr<Plugin> plugin) {
  if (plugin == nullptr) return absl::InvalidArgumentError("null plugin");
  const PluginInfo& info = plugin->info();
  if (ById(info.plugin_id) != nullptr) {
    return absl::AlreadyExistsError(absl::StrCat("plugin ", info.path, ": plugin id ",
                                                 info.plugin_id, " is already loaded"));
  }
  for (const pb::Modality& m : plugin->descriptor().modalities()) {
    auto it = by_modality_.find(m.code());
    if (it != by_modality_.end()) {
      return absl::AlreadyExistsError(absl::StrCat(
          "plugin ", info.path, ": modality ", m.code(), " is already provided by plugin ",
          it->second->info().plugin_id, " (", it->second->info().path, ")"));
    }
  }
  for (const pb::Modality& m : plugin->descriptor().modalities()) by_modality_[m.code()] = plugin.get();
  plugins_.push_back(std::move(plugin));
  return absl::OkStatus();
}

Plugin* PluginRegistry::ForModality(const std::string& modality) const {
  auto it = by_modality_.find(modality);
  return it == by_modality_.end() ? nullptr : it->second;
}

bool PluginRegistry::Unavailable(const std::string& modality) const {
  return unavailable_.count(modality) > 0;
}

Plugin* PluginRegistry::ById(const std::string& plugin_id) const {
  for (const auto& p : plugins_) {
    if (p->info().plugin_id == plugin_id) return p.get();
  }
  return nullptr;
}

const pb::Form* PluginRegistry::FindForm(const Plugin& plugin, const std::string& form_id) {
  for (const pb::Form& f : plugin.descriptor().forms()) {
    if (f.id() == form_id) return &f;
  }
  return nullptr;
}

std::vector<Plugin*> PluginRegistry::all() const {
  std::vector<Plugin*> out;
  for (const auto& p : plugins_) out.push_back(p.get());
  return out;
}

}  // namespace fascia::plugins
