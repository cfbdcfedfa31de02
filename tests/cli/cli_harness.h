// Running fasciactl the way an admin does: as a program, with a private
// environment (HOME, FASCIA_CONFIG in a temp dir; nothing inherited), its
// stdout, stderr and exit code captured, and a deadline so a hang fails the
// test instead of blocking it. Plus a fasciad child process with a fresh
// SQLite data dir and the demo organization.
//
//   CliServer server;                       // fasciad on a free port, --seed_demo
//   ASSERT_TRUE(server.Start());
//   Cli cli(server.dir());                  // FASCIA_CONFIG=<dir>/config.json
//   cli.env.push_back("FASCIA_SERVER=" + server.address());
//   CliResult r = cli.Run({"staff", "list", "--org", "demo"});
//   EXPECT_EQ(r.code, 0) << r;
#ifndef FASCIA_TESTS_CLI_CLI_HARNESS_H_
#define FASCIA_TESTS_CLI_CLI_HARNESS_H_

#include <google/protobuf/message.h>
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "fasciad_process.h"

namespace fascia::cli_test {

struct CliResult {
  int code = -1;  // exit code; -1 if it did not exit normally in time
  std::string out;
  std::string err;
  std::string command;  // for failure messages
};
std::ostream& operator<<(std::ostream& os, const CliResult& r);

class Cli {
 public:
  // Runs in `dir`, which holds the config file and the captured output.
  explicit Cli(std::string dir);

  // Extra "NAME=value" environment entries for every run.
  std::vector<std::string> env;

  // Runs fasciactl with `args`; kills it after `timeout`.
  CliResult Run(const std::vector<std::string>& args,
                const std::vector<std::string>& extra_env = {},
                absl::Duration timeout = absl::Seconds(60));

  const std::string& dir() const { return dir_; }
  std::string config_path() const { return dir_ + "/config.json"; }

 private:
  std::string dir_;
  int runs_ = 0;
};

// fasciad with its own SQLite database in a temp dir: the demo organization
// (--seed_demo; OWNER key in demo_key()) and organizations/acme made by
// `fasciad bootstrap` (OWNER key in acme_key()), since organizations cannot
// be created through the API.
class CliServer {
 public:
  // `extra_args` go to fasciad (e.g. --config for TLS).
  explicit CliServer(std::vector<std::string> extra_args = {});
  // Bootstraps acme, starts fasciad and waits for health SERVING.
  ::testing::AssertionResult Start();
  // Bootstraps acme and starts fasciad without waiting (TLS: the harness's
  // health check speaks plaintext).
  ::testing::AssertionResult StartNoWait();
  std::string address() const { return server_->address(); }
  const std::string& dir() const { return dir_.path(); }
  std::string acme_key() const { return dir_.path() + "/acme.key"; }
  std::string demo_key() const { return dir_.path() + "/data/demo-owner.key"; }
  std::string Stderr() const { return server_->Stderr(); }

 private:
  e2e::TempDir dir_;
  std::unique_ptr<e2e::Fasciad> server_;
};

// Parses protobuf JSON (what -o json prints) into `message`.
::testing::AssertionResult ParseJson(const std::string& json, google::protobuf::Message* message);

}  // namespace fascia::cli_test

#endif  // FASCIA_TESTS_CLI_CLI_HARNESS_H_
