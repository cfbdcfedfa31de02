// See child_process.h.
#include "child_process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace fascia::e2e {

std::string ExitStatus::ToString() const {
  if (exited) return absl::StrCat("exit code ", code);
  if (signaled) return absl::StrCat("killed by signal ", signal, " (", strsignal(signal), ")");
  return "not ended";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

ChildProcess::ChildProcess(std::string program, std::vector<std::string> args,
                           std::string work_dir, std::string log_prefix)
    : program_(std::move(program)), args_(std::move(args)), work_dir_(std::move(work_dir)) {
  const std::string prefix = log_prefix.empty() ? "" : log_prefix + ".";
  stdout_path_ = absl::StrCat(work_dir_, "/", prefix, "stdout.txt");
  stderr_path_ = absl::StrCat(work_dir_, "/", prefix, "stderr.txt");
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !exit_) {
    Kill();
    Reap(/*block=*/true);
  }
}

bool ChildProcess::Start() {
  if (::access(program_.c_str(), X_OK) != 0) {
    error_ = absl::StrCat(program_, " is not an executable file: ", strerror(errno));
    return false;
  }
  // Everything the child needs is prepared before fork: between fork and
  // exec in a multi-threaded process only async-signal-safe calls are allowed.
  std::vector<char*> argv;
  argv.push_back(program_.data());
  for (std::string& arg : args_) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const int out_fd = ::open(stdout_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int err_fd = ::open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out_fd < 0 || err_fd < 0 || null_fd < 0) {
    error_ = absl::StrCat("cannot create output files in ", work_dir_, ": ", strerror(errno));
    for (int fd : {out_fd, err_fd, null_fd}) {
      if (fd >= 0) ::close(fd);
    }
    return false;
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);  // the parent died before prctl took effect
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
    if (::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) ::_exit(126);
    // The test's own sockets (gRPC connections, port reservations) must not
    // stay open in the server.
    if (::close_range(3, ~0U, 0) != 0) {
      for (int fd = 3; fd < 4096; ++fd) ::close(fd);
    }
    if (::chdir(work_dir_.c_str()) != 0) ::_exit(126);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  const int fork_errno = errno;
  ::close(out_fd);
  ::close(err_fd);
  ::close(null_fd);
  if (pid < 0) {
    error_ = absl::StrCat("fork: ", strerror(fork_errno));
    return false;
  }
  pid_ = pid;
  return true;
}

void ChildProcess::Signal(int signal) {
  if (pid_ > 0 && !exit_) ::kill(pid_, signal);
}

bool ChildProcess::Reap(bool block) {
  if (pid_ <= 0 || exit_) return true;
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r != pid_) return false;
  ExitStatus e;
  if (WIFEXITED(status)) {
    e.exited = true;
    e.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    e.signaled = true;
    e.signal = WTERMSIG(status);
  }
  exit_ = e;
  return true;
}

bool ChildProcess::Running() { return pid_ > 0 && !Reap(/*block=*/false); }

std::optional<ExitStatus> ChildProcess::WaitFor(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!Reap(/*block=*/false)) {
    if (absl::Now() >= deadline) return std::nullopt;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return exit_;
}

std::string ChildProcess::Stdout() const { return ReadFile(stdout_path_); }
std::string ChildProcess::Stderr() const { return ReadFile(stderr_path_); }

}  // namespace fascia::e2e
