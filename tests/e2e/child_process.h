// A child process for end-to-end tests: runs a program with arguments in a
// working directory, with stdout and stderr captured to files, and lets the
// test signal it, wait for it with a timeout, and read how it ended.
//
//   ChildProcess server("/path/to/fasciad", {"--version"}, "/tmp/dir");
//   ASSERT_TRUE(server.Start()) << server.error();
//   std::optional<ExitStatus> exit = server.WaitFor(absl::Seconds(10));
//   ASSERT_TRUE(exit && exit->exited && exit->code == 0) << server.Stderr();
//
// Contract:
// - The child gets SIGKILL if it is still running when the ChildProcess is
//   destroyed, and (PR_SET_PDEATHSIG) when the thread that started it exits,
//   so a crashed or aborted test leaves no stray servers behind. Start
//   children from a thread that outlives them (the test body's thread).
// - The child starts with every signal unblocked and at its default action,
//   whatever the test process has blocked or ignored.
// - Reaping happens only in Wait/WaitFor/Running/the destructor; after the
//   child has been reaped, Signal() is a no-op (no signal to a recycled pid).
//
// Thread-compatible: use one ChildProcess from one thread at a time.
#ifndef FASCIA_TESTS_E2E_CHILD_PROCESS_H_
#define FASCIA_TESTS_E2E_CHILD_PROCESS_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace fascia::e2e {

// How a child ended: a normal exit with `code`, or death by `signal`.
struct ExitStatus {
  bool exited = false;
  int code = -1;
  bool signaled = false;
  int signal = 0;

  bool Success() const { return exited && code == 0; }
  std::string ToString() const;
};

class ChildProcess {
 public:
  // `work_dir` becomes the child's working directory and holds the captured
  // output (stdout.txt and stderr.txt, or <log_prefix>.stdout.txt ...).
  ChildProcess(std::string program, std::vector<std::string> args, std::string work_dir,
               std::string log_prefix = "");
  ~ChildProcess();

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Forks and execs. False (reason in error()) if the program is not an
  // executable file, the output files cannot be created or fork fails; an
  // exec failure shows as exit code 127.
  bool Start();
  const std::string& error() const { return error_; }
  pid_t pid() const { return pid_; }

  // Sends `signal` if the child has not been reaped yet.
  void Signal(int signal);
  void Terminate() { Signal(15 /*SIGTERM*/); }
  void Kill() { Signal(9 /*SIGKILL*/); }

  // True while the child has not exited (reaps it if it has).
  bool Running();
  // Waits up to `timeout` for the child to end; nullopt if it is still running.
  std::optional<ExitStatus> WaitFor(absl::Duration timeout);
  // The exit status once reaped.
  const std::optional<ExitStatus>& exit_status() const { return exit_; }

  // Everything the child has written so far.
  std::string Stdout() const;
  std::string Stderr() const;
  const std::string& stderr_path() const { return stderr_path_; }

 private:
  bool Reap(bool block);

  std::string program_;
  std::vector<std::string> args_;
  std::string work_dir_;
  std::string stdout_path_;
  std::string stderr_path_;
  std::string error_;
  pid_t pid_ = -1;
  std::optional<ExitStatus> exit_;
};

// Reads a whole file; empty if it cannot be read.
std::string ReadFile(const std::string& path);

}  // namespace fascia::e2e

#endif  // FASCIA_TESTS_E2E_CHILD_PROCESS_H_
