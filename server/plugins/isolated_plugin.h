// A plugin hosted in its own fascia-plugin-host process (Mode::kIsolated):
// a crash or hang in the plugin costs calls, never fasciad.
//
// One host process at a time, one socket (frame.h), many calls in flight:
// callers write kCall frames tagged with a call id and wait; a reader thread
// per process hands each kReply to its caller. Failure handling:
//   - the process dies (EOF on the socket): it is reaped, and every call in
//     flight fails UNAVAILABLE naming how it died;
//   - a call misses its deadline (spec.call_timeout): DEADLINE_EXCEEDED, and
//     the process, presumed hung, is killed with SIGKILL;
//   - the next call after a death starts a new process, unless within the
//     restart backoff (50 ms, doubling per consecutive failure up to 5 s,
//     reset by a successful call), in which case it fails UNAVAILABLE at
//     once. A restarted process must report the same id, version, ABI,
//     flags and Descriptor as the first, or it is killed and the call fails.
//   - starting (spawn + load) may take up to StartTimeout(spec) (plugin.h;
//     by default max(call_timeout, 5 s)).
// The host process dies with fasciad (PR_SET_PDEATHSIG, see
// process_launcher.h). Thread-safe. The destructor kills the process and
// joins the reader threads.
#ifndef FASCIA_PLUGINS_ISOLATED_PLUGIN_H_
#define FASCIA_PLUGINS_ISOLATED_PLUGIN_H_

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "plugins/plugin.h"

namespace fascia::plugins {

class ProcessLauncher;

class IsolatedPlugin : public Plugin {
 public:
  // Starts the host process and loads the plugin there; fails exactly as an
  // in-process load would (the host runs the same loader), or if the host
  // cannot be started.
  static absl::StatusOr<std::unique_ptr<IsolatedPlugin>> Start(const PluginSpec& spec);
  ~IsolatedPlugin() override;

  const PluginInfo& info() const override { return info_; }
  const pb::Descriptor& descriptor() const override { return descriptor_; }
  int restarts() const override { return restarts_.load(); }
  bool healthy() const override;
  absl::StatusOr<std::string> Invoke(uint32_t method, const std::string& request) override;

  // The current host process, or -1 while none runs (tests, diagnostics).
  pid_t host_pid() const;

  // Test hook: called with the pid of every host process that has loaded,
  // after its reader thread started and before Start or the restarting call
  // goes on, so a test can kill the host in that window. nullptr (the
  // default) for none. Set it only while no plugin is starting.
  static void SetConnectedHookForTesting(void (*hook)(pid_t));

  struct Connection;  // one host process and its socket

 private:
  IsolatedPlugin();

  // Spawns a host and runs the load handshake, within `deadline`; on success
  // makes it current_ and starts its reader.
  // REQUIRES: no other thread yet (Start), or the restart thread (Restart);
  // current_ == nullptr.
  absl::StatusOr<std::shared_ptr<Connection>> Connect(absl::Time deadline);
  // The live connection. If there is none and the backoff allows, starts a
  // restart on the restart thread; waits for it no later than `deadline`.
  absl::StatusOr<std::shared_ptr<Connection>> Acquire(absl::Time deadline);
  // The restart thread's work: Connect, then record the outcome and wake
  // the callers waiting in Acquire.
  void Restart();
  void ReadReplies(std::shared_ptr<Connection> conn);
  // REQUIRES: mu_ held. Kills `conn` (if still alive) and retires it.
  void KillLocked(Connection& conn, const std::string& reason);
  // REQUIRES: mu_ held. `conn` stops being current; schedules the backoff.
  void RetireLocked(std::shared_ptr<Connection> conn);
  void JoinFinishedReaders();

  PluginSpec spec_;
  std::string executable_;
  std::string who_;  // "plugin <id>"
  absl::Duration start_timeout_;
  PluginInfo info_;
  pb::Descriptor descriptor_;
  std::string descriptor_bytes_;  // to compare against a restarted host's
  bool loaded_once_ = false;      // info_/descriptor_ are set (by Start)
  std::unique_ptr<ProcessLauncher> launcher_;
  std::atomic<int> restarts_{0};
  std::atomic<uint64_t> next_call_id_{1};

  mutable std::mutex mu_;
  std::condition_variable restart_done_;             // with mu_: restarting_ fell
  bool restarting_ = false;                          // GUARDED_BY(mu_)
  std::thread restarter_;                            // GUARDED_BY(mu_); joined before the next
                                                     // restart and by the destructor
  std::shared_ptr<Connection> current_;              // GUARDED_BY(mu_)
  std::vector<std::shared_ptr<Connection>> retired_;  // GUARDED_BY(mu_), readers to join
  absl::Duration backoff_;                           // GUARDED_BY(mu_)
  absl::Time next_start_ = absl::InfinitePast();     // GUARDED_BY(mu_)
  std::string last_failure_;                         // GUARDED_BY(mu_)
  bool closing_ = false;                             // GUARDED_BY(mu_)
};

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_ISOLATED_PLUGIN_H_
