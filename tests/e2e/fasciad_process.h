// The real fasciad binary as a child process on a reserved 127.0.0.1 port.
//
//   TempDir dir;
//   FasciadOptions options;
//   options.work_dir = dir.path();
//   options.args = {"--database=sqlite:" + dir.path() + "/fascia.db"};
//   Fasciad server(options);
//   ASSERT_TRUE(server.Bootstrap("acme"));   // `fasciad bootstrap`: org + OWNER key
//   ASSERT_TRUE(server.StartServing());      // spawn, then wait for health SERVING
//   auto channel = server.NewChannel();      // sends the OWNER key
//   server.process().Kill();                 // or Terminate()
//   server.process().WaitFor(absl::Seconds(10));
//   ASSERT_TRUE(server.StartServing());      // a new process, same port and arguments
//
// Contract:
// - The port is reserved for the Fasciad's lifetime (see free_port.h), so a
//   restarted server gets the same address.
// - fasciad runs with its working directory in work_dir (so a default
//   ./data lands there) and its output in work_dir/<name>.<run>.stderr.txt.
// - Arguments: --listen=<address> (unless listen_flag is false), then
//   --log_level=<log_level> (unless empty), then `args`.
// - Start* may be called again once the previous process has ended.
// - Every RPC except health needs an API key; Bootstrap() provides one.
//
// Thread-compatible; NewChannel and address are thread-safe.
#ifndef FASCIA_TESTS_E2E_FASCIAD_PROCESS_H_
#define FASCIA_TESTS_E2E_FASCIAD_PROCESS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/time/time.h"
#include "child_process.h"
#include "free_port.h"

namespace fascia::e2e {

// The fasciad under test (from the build; see CMakeLists.txt).
const char* FasciadPath();

// A fresh directory under the system temp dir, removed on destruction unless
// the test failed (then its logs are worth keeping and its path is printed).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct FasciadOptions {
  std::string name = "fasciad";  // names log files and failure messages
  std::string work_dir;          // required
  std::vector<std::string> args;
  std::string log_level = "warning";
  bool listen_flag = true;
};

class Fasciad {
 public:
  explicit Fasciad(FasciadOptions options);

  // Spawns a new process (the previous one, if any, must have ended).
  ::testing::AssertionResult Start();
  // Waits until health Check says SERVING; fails early, with the server's
  // stderr, if the process exits first.
  ::testing::AssertionResult WaitServing(absl::Duration timeout = absl::Seconds(30));
  ::testing::AssertionResult StartServing() {
    ::testing::AssertionResult started = Start();
    return started ? WaitServing() : started;
  }

  // Runs `fasciad bootstrap --organization=<id>` with this server's flags
  // (so: its database) to completion, and keeps the OWNER key it prints for
  // NewChannel(). Works whether or not the server is running.
  ::testing::AssertionResult Bootstrap(const std::string& organization_id);
  const std::string& owner_key() const { return owner_key_; }
  // For a replica sharing another's database (and so its keys).
  void set_owner_key(std::string key) { owner_key_ = std::move(key); }

  // SIGTERM, then waits for the exit; nullopt if it did not end in `timeout`.
  //
  // Close this process's idle channels to the server first when the test
  // wants a fast stop: gRPC's graceful GOAWAY waits for each connection to
  // answer a PING, and an idle synchronous client answers only while some
  // thread of the test polls (an RPC is in progress), so until then the
  // server waits out a timeout (about 5s here) before it exits.
  std::optional<ExitStatus> Stop(absl::Duration timeout = absl::Seconds(20));

  std::string address() const { return port_.address(); }
  const PortReservation& port() const { return port_; }
  // A new connection whose calls carry owner_key() (none if empty).
  std::shared_ptr<grpc::Channel> NewChannel() const { return NewChannel(owner_key_); }
  std::shared_ptr<grpc::Channel> NewChannel(const std::string& key) const;
  ChildProcess& process() { return *process_; }
  // The current run's stderr.
  std::string Stderr() const;

 private:
  FasciadOptions options_;
  PortReservation port_;
  int runs_ = 0;
  int bootstraps_ = 0;
  std::string owner_key_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace fascia::e2e

#endif  // FASCIA_TESTS_E2E_FASCIAD_PROCESS_H_
