// fasciad's view of one loaded screening plugin, whichever way it is hosted.
//
//   absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(spec);
//   absl::StatusOr<pb::ScreenResponse> r = (*p)->Screen(request);
//
// Loading (LoadPlugin) dlopens the .so (in-process) or starts a
// fascia-plugin-host process for it (isolated), negotiates the ABI, creates
// an instance from the spec's settings, and validates the Descriptor. It
// fails, with a message fit for a log line, for: a file that is not a
// loadable .so, a missing entry symbol, a NULL table, a different ABI major,
// a newer ABI minor than the host's, a short table, a create() error (e.g. a
// bad setting), a Descriptor that fails ValidateDescriptor, or a load that
// does not finish within StartTimeout(spec) (DEADLINE_EXCEEDED), in either
// mode: a plugin hanging in create() or DESCRIBE must not stall fasciad's
// start.
//
// Calls fail closed: a crash, a hang past the deadline, a malformed or
// oversized response, or an Error from the plugin is a non-OK status, never
// an empty answer. Status codes: UNAVAILABLE (crashed / restarting /
// process gone), DEADLINE_EXCEEDED (no answer in time), DATA_LOSS (the bytes
// did not parse), INVALID_ARGUMENT / INTERNAL / UNIMPLEMENTED (the plugin's
// own Error, message passed on).
//
// Thread-safe: any number of threads may call at once. A plugin that did not
// declare FASCIA_PLUGIN_CONCURRENT is called one at a time (the host queues).
// In isolated mode, a crashed or timed-out host process is killed and started
// again on a later call, with exponential backoff (restarts() counts them);
// the process dies with fasciad (PR_SET_PDEATHSIG).
#ifndef FASCIA_PLUGINS_PLUGIN_H_
#define FASCIA_PLUGINS_PLUGIN_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "fascia/plugin/v1/plugin.pb.h"

namespace fascia::plugins {

namespace pb = ::fascia::plugin::v1;

enum class Mode { kInProcess, kIsolated };


// How to load one plugin (from fasciad's config file).
struct PluginSpec {
  std::string path;  // the .so
  Mode mode = Mode::kInProcess;
  std::map<std::string, std::string> settings;  // -> PluginConfig.settings
  absl::Duration call_timeout = absl::Seconds(2);
  // Isolated mode: the fascia-plugin-host executable. Empty: the one next to
  // the running executable (/proc/self/exe's directory).
  std::string host_executable;
  // The modalities the configuration says it screens (may be empty); see
  // PluginRegistry.
  std::vector<std::string> modalities;
  // How long loading may take; zero means the default, see StartTimeout.
  // Not in the config file: tests shorten it.
  absl::Duration start_timeout = absl::ZeroDuration();
};

// The least time a plugin is given to load (in-process: dlopen, create(),
// DESCRIBE; isolated: also spawning its host). Generous, because a load runs
// once at start-up (and at an isolated restart), not per call.
inline constexpr absl::Duration kMinStartTimeout = absl::Seconds(5);

// How long loading `spec` may take: spec.start_timeout if set, else
// max(spec.call_timeout, kMinStartTimeout). The same in both modes.
absl::Duration StartTimeout(const PluginSpec& spec);

// What the loader learned; stable for the plugin's lifetime.
struct PluginInfo {
  std::string plugin_id;
  std::string version;
  uint32_t abi_major = 0;
  uint32_t abi_minor = 0;
  bool concurrent = false;
  Mode mode = Mode::kInProcess;
  std::string path;
};

class Plugin {
 public:
  virtual ~Plugin() = default;

  virtual const PluginInfo& info() const = 0;
  // Validated at load time.
  virtual const pb::Descriptor& descriptor() const = 0;
  // Isolated mode: how many times the host process was restarted.
  virtual int restarts() const { return 0; }
  // False while the plugin is known to be failing: in-process, a call is
  // stuck past its deadline; isolated, the host process is down (crashed,
  // killed after a missed deadline, or in restart backoff).
  virtual bool healthy() const { return true; }

  // One raw call: serialized request -> serialized response (see
  // fascia_plugin.h for method ids). The deadline is the spec's call_timeout.
  virtual absl::StatusOr<std::string> Invoke(uint32_t method, const std::string& request) = 0;

  // Typed calls over Invoke.
  absl::StatusOr<pb::ScreenResponse> Screen(const pb::ScreenRequest& request);
  absl::StatusOr<pb::ValidateIntakeResponse> ValidateIntake(const pb::ValidateIntakeRequest& request);
  absl::StatusOr<pb::HealthResponse> Health();
};

// Loads `spec` in its mode; see the file comment for what fails.
absl::StatusOr<std::unique_ptr<Plugin>> LoadPlugin(const PluginSpec& spec);

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_PLUGIN_H_
