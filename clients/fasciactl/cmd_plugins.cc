// `fasciactl plugins list|get`: the screening plugins this fasciad has
// loaded (plugins/{plugin_id}), with their live health. Read-only: plugins
// are loaded from fasciad's config file, not through the API. The list is
// short and unpaged.
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "commands.h"
#include "fascia/v1/plugin_service.pb.h"
#include "resource.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

std::string Health(const v1::Plugin& p) {
  return std::string(absl::StripPrefix(v1::PluginHealth_Name(p.health()), "PLUGIN_"));
}

std::string Forms(const v1::Plugin& p) {
  std::vector<std::string> forms;
  for (const v1::Plugin::FormRef& f : p.forms()) forms.push_back(f.id() + "@" + f.version());
  return absl::StrJoin(forms, ",");
}

}  // namespace

void RegisterPluginCommands(Registry& registry) {
  using P = v1::Plugin;
  ResourceSpec spec;
  spec.group = "plugins";
  spec.aliases = {"plugin"};
  spec.kind = "plugin";
  spec.summary = "The screening plugins the server has loaded, and their health";
  spec.details =
      "Plugins are loaded from fasciad's config file (plugins { path: ... mode: ... }); see\n"
      "plugins/sdk/README.md. HEALTH is asked live: SERVING, NOT_SERVING (the plugin says so)\n"
      "or UNAVAILABLE (crashed, hung or restarting).";
  spec.scope = Scope::kGlobal;
  spec.collection = "plugins";
  spec.service = "fascia.v1.PluginService";
  spec.type = "Plugin";
  spec.plural = "Plugins";
  spec.field = "plugin";
  spec.columns = {
      Col<P>("ID", [](const P& p) { return p.plugin_id(); }),
      Col<P>("VERSION", [](const P& p) { return p.version(); }),
      Col<P>("ABI", [](const P& p) { return p.abi_version(); }),
      Col<P>("MODE", [](const P& p) { return v1::PluginMode_Name(p.mode()); }),
      Col<P>("MODALITIES", [](const P& p) { return absl::StrJoin(p.modalities(), ","); }),
      Col<P>("HEALTH", Health),
      Col<P>("RESTARTS", [](const P& p) { return std::to_string(p.restarts()); }),
      Col<P>("FORMS", Forms, kWide),
      Col<P>(
          "RULES", [](const P& p) { return absl::StrJoin(p.rule_ids(), ","); }, kWide),
      Col<P>(
          "CONCURRENT", [](const P& p) { return p.concurrent() ? "yes" : "no"; }, kWide),
      Col<P>(
          "HEALTH MESSAGE", [](const P& p) { return p.health_message(); }, kWide),
      Col<P>(
          "PATH", [](const P& p) { return p.path(); }, kWide),
      Col<P>(
          "NAME", [](const P& p) { return p.name(); }, kWide),
  };
  spec.examples = {
      {"list", {"fasciactl plugins list", "fasciactl plugins list -o wide"}},
      {"get", {"fasciactl plugins get prenatal", "fasciactl plugins get plugins/prenatal -o yaml"}},
  };
  registry.Add(MakeStandardGroup(spec));
}

}  // namespace fasciactl
