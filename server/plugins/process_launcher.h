// Starting fascia-plugin-host processes, connected by a socketpair.
//
//   ProcessLauncher launcher;
//   absl::StatusOr<HostProcess> p = launcher.Spawn(exe, "/x/prenatal.so");
//   // p->fd: fasciad's end of the socket; the child has its end as fd 3.
//
// Spawns run on the launcher's own long-lived thread, on purpose: the child
// asks for PR_SET_PDEATHSIG, which fires when the THREAD that created it
// exits, not the process. Spawning from a caller's thread (e.g. a gRPC pool
// thread that later retires) would kill healthy plugin hosts at random.
// The child gets: fd 3 = its socket end (all other fds above 2 closed), an
// empty signal mask and default signal dispositions, argv
//   fascia-plugin-host --fd=3 --parent-pid=<fasciad's pid> <plugin path>
// and an environment of its own, PATH=/usr/bin:/bin and LANG=C.UTF-8 only:
// nothing of fasciad's (which may hold secrets) reaches plugin code.
// The caller owns the returned fd and must reap the pid (waitpid).
// Thread-safe; the destructor joins the launcher thread.
#ifndef FASCIA_PLUGINS_PROCESS_LAUNCHER_H_
#define FASCIA_PLUGINS_PROCESS_LAUNCHER_H_

#include <sys/types.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"

namespace fascia::plugins {

struct HostProcess {
  pid_t pid = -1;
  int fd = -1;
};

class ProcessLauncher {
 public:
  ProcessLauncher();
  ProcessLauncher(const ProcessLauncher&) = delete;
  ProcessLauncher& operator=(const ProcessLauncher&) = delete;
  ~ProcessLauncher();

  // UNAVAILABLE (with errno text) if the socketpair or spawn fails, e.g.
  // the executable does not exist.
  absl::StatusOr<HostProcess> Spawn(const std::string& executable, const std::string& plugin_path);

 private:
  void Loop();

  std::mutex mu_;
  std::condition_variable cv_;
  std::function<void()> job_;  // at most one pending; Spawn serializes on spawn_mu_
  bool stop_ = false;
  std::mutex spawn_mu_;
  std::thread thread_;
};

// The fascia-plugin-host next to the running executable (/proc/self/exe).
std::string DefaultHostExecutable();

// "exited with status 3", "killed by signal 6 (SIGABRT)", for messages.
std::string DescribeWaitStatus(int wait_status);

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_PROCESS_LAUNCHER_H_
