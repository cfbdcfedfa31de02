// LoadedLibrary::Open with a deadline, for plugins loaded into fasciad's own
// address space (Mode::kInProcess). Without it, a plugin whose create() or
// DESCRIBE never returns would stall fasciad's start for good.
//
//   absl::StatusOr<std::unique_ptr<LoadedLibrary>> lib =
//       OpenWithDeadline(spec.path, spec.settings, StartTimeout(spec));
//
// The load (dlopen, the entry, create(), DESCRIBE, validation) runs on a
// thread of its own and the caller waits for it at most `timeout`. A load
// that finishes in time returns exactly what LoadedLibrary::Open returned. A
// late one is DEADLINE_EXCEEDED, "plugin <path>: did not finish loading
// within <timeout>", and the caller goes on (PluginRegistry then marks the
// plugin's declared modalities unavailable, so they fail closed).
//
// A thread inside a plugin cannot be stopped, so a late load is abandoned,
// not cancelled:
//   - The thread is detached. It owns all it touches through a shared_ptr
//     (its copy of the path and settings, and its result), and the plugin's
//     code stays mapped because a plugin is never dlclose()d (loader.h).
//   - If it ever finishes, it destroys the instance it made (no call can be
//     in flight on it) and logs plugin_load_abandoned; the plugin stays
//     refused until fasciad restarts.
//   - Until then, loading the same file again (by any name) fails at once
//     (UNAVAILABLE): the ABI lets only one thread at a time run a plugin's
//     create().
//   - While one is still running, the process must leave with _exit (see
//     AnyLoadAbandoned): exit() would run static destructors under the
//     plugin's feet, and waits for the dynamic loader's lock that a plugin
//     stuck in its static initializers holds.
//   - A plugin stuck in its static initializers (inside dlopen) holds the
//     dynamic loader's lock, so later in-process loads time out too. Plugins
//     not trusted to load promptly belong in Mode::kIsolated, where a late
//     host process is killed.
//
// Thread-safe.
#ifndef FASCIA_PLUGINS_OPEN_WITH_DEADLINE_H_
#define FASCIA_PLUGINS_OPEN_WITH_DEADLINE_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "plugins/loader.h"

namespace fascia::plugins {

absl::StatusOr<std::unique_ptr<LoadedLibrary>> OpenWithDeadline(
    const std::string& path, const std::map<std::string, std::string>& settings,
    absl::Duration timeout);

// Whether a load abandoned by OpenWithDeadline is still running.
bool AnyLoadAbandoned();

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_OPEN_WITH_DEADLINE_H_
