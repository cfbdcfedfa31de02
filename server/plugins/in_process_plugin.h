// A plugin loaded into fasciad's own address space (Mode::kInProcess).
//
// Loading has a deadline, StartTimeout(spec): a plugin whose create() or
// DESCRIBE hangs is refused and its loading thread abandoned (see
// open_with_deadline.h), so fasciad goes on starting.
//
// Every call is handed to a small worker pool so the caller can stop waiting
// at the deadline (spec.call_timeout): 1 worker for a plugin without
// FASCIA_PLUGIN_CONCURRENT (so calls run one at a time, in order), twice the
// hardware threads for a concurrent one. A call still queued at its deadline
// is dropped; a call still running is abandoned (DEADLINE_EXCEEDED) and its
// worker counted as stuck. While any worker is stuck the plugin reports
// !healthy(); once every worker is stuck, calls fail UNAVAILABLE at once
// instead of queueing behind a hung plugin. A crash here takes fasciad down:
// use Mode::kIsolated for plugins that are not trusted to that degree.
//
// Thread-safe. The destructor joins idle workers; if a call is stuck in the
// plugin, its worker is detached and the instance is deliberately leaked.
#ifndef FASCIA_PLUGINS_IN_PROCESS_PLUGIN_H_
#define FASCIA_PLUGINS_IN_PROCESS_PLUGIN_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "plugins/plugin.h"

namespace fascia::plugins {

class LoadedLibrary;
class WorkerPool;

class InProcessPlugin : public Plugin {
 public:
  static absl::StatusOr<std::unique_ptr<InProcessPlugin>> Load(const PluginSpec& spec);
  ~InProcessPlugin() override;

  const PluginInfo& info() const override { return info_; }
  const pb::Descriptor& descriptor() const override;
  bool healthy() const override;
  absl::StatusOr<std::string> Invoke(uint32_t method, const std::string& request) override;

  // What the worker threads share with callers; outlives this object while a
  // detached worker still runs a call.
  struct Core;

 private:
  InProcessPlugin() = default;

  PluginInfo info_;
  absl::Duration timeout_;
  std::shared_ptr<Core> core_;
  std::unique_ptr<WorkerPool> pool_;
};

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_IN_PROCESS_PLUGIN_H_
