// See process_launcher.h. posix_spawn (not fork) because fasciad is
// multi-threaded: glibc's posix_spawn runs nothing but async-signal-safe
// steps between clone and exec, and its file actions move the child's socket
// end to fd 3, which also clears close-on-exec on that one descriptor.
#include "plugins/process_launcher.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include "absl/strings/str_cat.h"

namespace fascia::plugins {
namespace {

constexpr int kChildFd = 3;

// The plugin host's whole environment; nothing of fasciad's is inherited.
// fasciad's environment may carry secrets (a PostgreSQL URL from a Kubernetes
// secretKeyRef, PGPASSWORD, cloud credentials), and the host runs third-party
// plugin code, which must see none of them. The host itself reads no
// variable. PATH is fixed to the system directories so that a plugin that runs
// a helper by name (system(), execvp) finds a system binary, never one from a
// directory fasciad's caller chose; LANG=C.UTF-8 so that a plugin calling
// setlocale(LC_ALL, "") handles the UTF-8 text it is given the same way on
// every machine. Keep in step with tests/plugin_host/environment_test.cc.
const char* const kHostEnvironment[] = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", nullptr};

std::string Errno(const char* what, int err) { return absl::StrCat(what, ": ", strerror(err)); }

absl::StatusOr<HostProcess> DoSpawn(const std::string& executable, const std::string& plugin_path) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    return absl::UnavailableError(Errno("socketpair", errno));
  }
  int child_end = sv[1];
  if (child_end == kChildFd) {
    // dup2(3, 3) would keep close-on-exec set: move it out of the way first.
    child_end = fcntl(sv[1], F_DUPFD_CLOEXEC, kChildFd + 1);
    close(sv[1]);
    if (child_end < 0) {
      const int err = errno;
      close(sv[0]);
      return absl::UnavailableError(Errno("fcntl", err));
    }
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, child_end, kChildFd);
  posix_spawn_file_actions_addclosefrom_np(&actions, kChildFd + 1);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  const std::string fd_arg = absl::StrCat("--fd=", kChildFd);
  const std::string parent_arg = absl::StrCat("--parent-pid=", getpid());
  std::vector<char*> argv = {const_cast<char*>(executable.c_str()), const_cast<char*>(fd_arg.c_str()),
                             const_cast<char*>(parent_arg.c_str()),
                             const_cast<char*>(plugin_path.c_str()), nullptr};
  pid_t pid = -1;
  // posix_spawn takes char* const[] but does not write through it.
  const int rc = posix_spawn(&pid, executable.c_str(), &actions, &attr, argv.data(),
                             const_cast<char* const*>(kHostEnvironment));
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(child_end);
  if (rc != 0) {
    close(sv[0]);
    return absl::UnavailableError(
        absl::StrCat("cannot start plugin host ", executable, ": ", strerror(rc)));
  }
  return HostProcess{pid, sv[0]};
}

}  // namespace

ProcessLauncher::ProcessLauncher() : thread_([this] { Loop(); }) {}

ProcessLauncher::~ProcessLauncher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void ProcessLauncher::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || job_ != nullptr; });
    if (job_ != nullptr) {
      std::function<void()> job = std::move(job_);
      job_ = nullptr;
      lock.unlock();
      job();
      lock.lock();
      continue;
    }
    if (stop_) return;
  }
}

absl::StatusOr<HostProcess> ProcessLauncher::Spawn(const std::string& executable,
                                                   const std::string& plugin_path) {
  std::lock_guard<std::mutex> one_at_a_time(spawn_mu_);
  absl::StatusOr<HostProcess> result = absl::InternalError("spawn did not run");
  bool done = false;
  std::condition_variable done_cv;
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = [&] {
      absl::StatusOr<HostProcess> r = DoSpawn(executable, plugin_path);
      std::lock_guard<std::mutex> inner(mu_);
      result = std::move(r);
      done = true;
      done_cv.notify_all();
    };
  }
  cv_.notify_all();
  std::unique_lock<std::mutex> lock(mu_);
  done_cv.wait(lock, [&] { return done; });
  return result;
}

std::string DefaultHostExecutable() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "fascia-plugin-host";
  std::string self(buf, static_cast<size_t>(n));
  const size_t slash = self.rfind('/');
  return (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) +
         "/fascia-plugin-host";
}

std::string DescribeWaitStatus(int wait_status) {
  if (WIFEXITED(wait_status)) return absl::StrCat("exited with status ", WEXITSTATUS(wait_status));
  if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    const char* abbrev = sigabbrev_np(sig);
    return absl::StrCat("killed by signal ", sig, abbrev ? absl::StrCat(" (SIG", abbrev, ")") : "");
  }
  return absl::StrCat("ended with wait status ", wait_status);
}

}  // namespace fascia::plugins
