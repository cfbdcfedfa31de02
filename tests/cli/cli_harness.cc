// See cli_harness.h.
#include "cli_harness.h"

#include <google/protobuf/util/json_util.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "child_process.h"

namespace fascia::cli_test {

std::ostream& operator<<(std::ostream& os, const CliResult& r) {
  return os << "\n$ " << r.command << "\nexit " << r.code << "\n--- stdout\n"
            << r.out << "--- stderr\n"
            << r.err;
}

Cli::Cli(std::string dir) : dir_(std::move(dir)) {}

CliResult Cli::Run(const std::vector<std::string>& args, const std::vector<std::string>& extra_env,
                   absl::Duration timeout) {
  // env -i: nothing from the developer's environment (a FASCIA_SERVER, a real
  // ~/.config/fascia) leaks in. TZ is deliberately far from every test
  // location, so a time that follows the machine's zone instead of the
  // location's shows up as a wrong instant.
  std::vector<std::string> argv = {"-i", "HOME=" + dir_, "FASCIA_CONFIG=" + config_path(),
                                   "TZ=Pacific/Auckland", "PATH=/usr/bin:/bin"};
  argv.insert(argv.end(), env.begin(), env.end());
  argv.insert(argv.end(), extra_env.begin(), extra_env.end());
  argv.push_back(FASCIACTL_PATH);
  argv.insert(argv.end(), args.begin(), args.end());

  CliResult result;
  result.command = absl::StrJoin(args, " ");
  e2e::ChildProcess child("/usr/bin/env", argv, dir_, absl::StrCat("fasciactl.", ++runs_));
  if (!child.Start()) {
    result.err = child.error();
    return result;
  }
  std::optional<e2e::ExitStatus> exit = child.WaitFor(timeout);
  if (!exit) {
    child.Kill();
    child.WaitFor(absl::Seconds(10));
    result.err = absl::StrCat("(killed after ", absl::FormatDuration(timeout), ")\n");
  } else if (exit->exited) {
    result.code = exit->code;
  }
  result.out = child.Stdout();
  result.err += child.Stderr();
  return result;
}

CliServer::CliServer(std::vector<std::string> extra_args) {
  e2e::FasciadOptions options;
  options.work_dir = dir_.path();
  options.args = {"--data_dir=" + dir_.path() + "/data", "--seed_demo"};
  options.args.insert(options.args.end(), extra_args.begin(), extra_args.end());
  server_ = std::make_unique<e2e::Fasciad>(options);
}

::testing::AssertionResult CliServer::StartNoWait() {
  // bootstrap opens the database but does not create its directory.
  std::filesystem::create_directories(dir_.path() + "/data");
  e2e::ChildProcess bootstrap(
      e2e::FasciadPath(),
      {"bootstrap", "--organization=acme", "--display_name=Acme Massage",
       "--key_file=" + acme_key(), "--data_dir=" + dir_.path() + "/data", "--log_level=warning"},
      dir_.path(), "bootstrap");
  if (!bootstrap.Start()) return ::testing::AssertionFailure() << bootstrap.error();
  std::optional<e2e::ExitStatus> exit = bootstrap.WaitFor(absl::Seconds(60));
  if (!exit || !exit->Success()) {
    return ::testing::AssertionFailure()
           << "fasciad bootstrap failed: " << (exit ? exit->ToString() : "timeout") << "\n"
           << bootstrap.Stderr();
  }
  return server_->Start();
}

::testing::AssertionResult CliServer::Start() {
  ::testing::AssertionResult started = StartNoWait();
  return started ? server_->WaitServing() : started;
}

::testing::AssertionResult ParseJson(const std::string& json, google::protobuf::Message* message) {
  auto status = google::protobuf::util::JsonStringToMessage(json, message);
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "not a " << message->GetTypeName() << ": " << std::string(status.message()) << "\n"
         << json;
}

}  // namespace fascia::cli_test
