// Runs the real fasciad binary as a child process for the benchmark, so the
// server measured is exactly what ships (its own process, flags and threads),
// not an App linked into the load generator competing for the same heap.
//
//   int port = PickFreePort();
//   auto child = ChildProcess::Start("/path/fasciad", {"--listen=127.0.0.1:" + p},
//                                    "/tmp/x/fasciad.log");
//   ...
//   int code = (*child)->Stop(absl::Seconds(15));  // SIGTERM, then SIGKILL
//
// Contract: the child's stdout and stderr go to `log_path` (appended). The
// child gets SIGTERM if the benchmark dies first (PR_SET_PDEATHSIG), so an
// aborted run leaves no server behind. Start() may be called while other
// threads run (the bench restarts fasciad mid-run): between fork and exec the
// child makes only async-signal-safe calls. Call it from a thread that
// outlives the child: PR_SET_PDEATHSIG fires when the forking THREAD exits.
// Thread-safety: a ChildProcess is used from one thread.
#ifndef FASCIA_TESTS_BENCH_CHILD_PROCESS_H_
#define FASCIA_TESTS_BENCH_CHILD_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace fascia::bench {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then
// released). Another process may take it before the child binds it, so a
// caller retries with a new port when the child fails to start.
absl::StatusOr<int> PickFreePort();

// Whether something accepts TCP connections on 127.0.0.1:`port` now. Used
// to wait for a child server without a gRPC channel: a channel whose first
// connect is refused backs off for seconds before trying again.
bool PortAccepts(int port);

class ChildProcess {
 public:
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Start(const std::string& path,
                                                             const std::vector<std::string>& args,
                                                             const std::string& log_path);
  ~ChildProcess();  // Stop(absl::Seconds(15)) if still running

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // False once the child has exited (reaps it).
  bool Running();

  // Waits up to `timeout` for the child to exit by itself, then Stop()s it.
  // Returns the exit code as Stop() does.
  int Wait(absl::Duration timeout);

  // SIGTERM, wait up to `grace`, then SIGKILL. Returns the exit code, or
  // 128 + signal number if it died by a signal. Idempotent.
  int Stop(absl::Duration grace);

  pid_t pid() const { return pid_; }

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  void Reaped(int wait_status);

  pid_t pid_;
  bool exited_ = false;
  int exit_code_ = 0;
};

}  // namespace fascia::bench

#endif  // FASCIA_TESTS_BENCH_CHILD_PROCESS_H_
