// The plugins fasciad loaded at start-up, by modality.
//
// PluginRegistry::Load tries every configured plugin and keeps the ones that
// load. A rejected plugin (see LoadPlugin), one claiming a modality that an
// earlier plugin already provides, or one lacking a modality its spec
// declares, is logged as one JSON line with the path and the reason, and
// skipped: fasciad keeps starting. The modalities a rejected spec declared
// (and no loaded plugin provides) are then *unavailable*: the booking gate
// refuses them rather than book unscreened. A modality nobody declared is
// not screened.
//
// Immutable after Load; thread-safe for reads.
#ifndef FASCIA_PLUGINS_PLUGIN_REGISTRY_H_
#define FASCIA_PLUGINS_PLUGIN_REGISTRY_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "plugins/plugin.h"

namespace fascia::plugins {

class PluginRegistry {
 public:
  PluginRegistry() = default;
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  // Loads each spec in order; see the file comment.
  static std::unique_ptr<PluginRegistry> Load(const std::vector<PluginSpec>& specs);

  // Takes an already-loaded plugin (tests). Fails, leaving the registry
  // unchanged, if one of its modalities is taken.
  absl::Status Add(std::unique_ptr<Plugin> plugin);

  // The plugin screening `modality`, or nullptr.
  Plugin* ForModality(const std::string& modality) const;
  // True if a configured plugin declared `modality` but did not load.
  bool Unavailable(const std::string& modality) const;
  Plugin* ById(const std::string& plugin_id) const;
  // The form `form_id` of `plugin`, or nullptr.
  static const pb::Form* FindForm(const Plugin& plugin, const std::string& form_id);
  std::vector<Plugin*> all() const;

 private:
  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::map<std::string, Plugin*> by_modality_;
  std::set<std::string> unavailable_;
};

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_PLUGIN_REGISTRY_H_
