// Plugin's typed calls (serialize, Invoke, parse) and LoadPlugin, which
// picks the hosting by spec.mode. A reply that does not parse as the
// method's response type is DATA_LOSS: screening fails closed.
#include "plugins/plugin.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "fascia_plugin.h"
#include "plugins/in_process_plugin.h"
#include "plugins/isolated_plugin.h"

namespace fascia::plugins {
namespace {

template <typename Response>
absl::StatusOr<Response> Parse(const Plugin& plugin, const char* method, const std::string& bytes) {
  Response response;
  if (!response.ParseFromString(bytes)) {
    return absl::DataLossError(absl::StrCat("plugin ", plugin.info().plugin_id, ": ", method,
                                            " response does not parse"));
  }
  return response;
}

}  // namespace

absl::StatusOr<pb::ScreenResponse> Plugin::Screen(const pb::ScreenRequest& request) {
  ASSIGN_OR_RETURN(std::string bytes, Invoke(FASCIA_METHOD_SCREEN, request.SerializeAsString()));
  return Parse<pb::ScreenResponse>(*this, "SCREEN", bytes);
}

absl::StatusOr<pb::ValidateIntakeResponse> Plugin::ValidateIntake(
    const pb::ValidateIntakeRequest& request) {
  ASSIGN_OR_RETURN(std::string bytes,
                   Invoke(FASCIA_METHOD_VALIDATE_INTAKE, request.SerializeAsString()));
  return Parse<pb::ValidateIntakeResponse>(*this, "VALIDATE_INTAKE", bytes);
}

absl::StatusOr<pb::HealthResponse> Plugin::Health() {
  ASSIGN_OR_RETURN(std::string bytes,
                   Invoke(FASCIA_METHOD_HEALTH, pb::HealthRequest().SerializeAsString()));
  return Parse<pb::HealthResponse>(*this, "HEALTH", bytes);
}

absl::Duration StartTimeout(const PluginSpec& spec) {
  if (spec.start_timeout > absl::ZeroDuration()) return spec.start_timeout;
  return std::max(spec.call_timeout, kMinStartTimeout);
}

absl::StatusOr<std::unique_ptr<Plugin>> LoadPlugin(const PluginSpec& spec) {
  if (spec.call_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("plugin ", spec.path, ": call_timeout must be positive"));
  }
  if (spec.start_timeout < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("plugin ", spec.path, ": start_timeout must not be negative"));
  }
  if (spec.mode == Mode::kIsolated) {
    ASSIGN_OR_RETURN(std::unique_ptr<IsolatedPlugin> plugin, IsolatedPlugin::Start(spec));
    return std::unique_ptr<Plugin>(std::move(plugin));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<InProcessPlugin> plugin, InProcessPlugin::Load(spec));
  return std::unique_ptr<Plugin>(std::move(plugin));
}

}  // namespace fascia::plugins
