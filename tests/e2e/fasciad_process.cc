// See fasciad_process.h.
#include "fasciad_process.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "rpc_util.h"

namespace fascia::e2e {

const char* FasciadPath() { return FASCIAD_PATH; }

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  // Parameterized test names contain '/'.
  const std::string name = absl::StrReplaceAll(info != nullptr ? info->name() : "x", {{"/", "_"}});
  path_ = absl::StrCat(std::filesystem::temp_directory_path().string(), "/fascia-e2e-",
                       name, "-", ::getpid(), "-",
                       counter.fetch_add(1), "-", absl::ToUnixMicros(absl::Now()) % 1000000);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  if (info != nullptr && info->result()->Failed()) {
    std::fprintf(stderr, "[e2e] keeping %s for inspection\n", path_.c_str());
    return;
  }
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Fasciad::Fasciad(FasciadOptions options) : options_(std::move(options)) {}

::testing::AssertionResult Fasciad::Start() {
  if (!port_.ok()) return ::testing::AssertionFailure() << "no free port: " << port_.error();
  if (process_ && process_->Running()) {
    return ::testing::AssertionFailure() << options_.name << " is still running";
  }
  std::vector<std::string> args;
  if (options_.listen_flag) args.push_back("--listen=" + address());
  if (!options_.log_level.empty()) args.push_back("--log_level=" + options_.log_level);
  args.insert(args.end(), options_.args.begin(), options_.args.end());
  process_ = std::make_unique<ChildProcess>(FasciadPath(), args, options_.work_dir,
                                            absl::StrCat(options_.name, ".", ++runs_));
  if (!process_->Start()) return ::testing::AssertionFailure() << process_->error();
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult Fasciad::WaitServing(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  grpc::Status last;
  while (absl::Now() < deadline) {
    if (!process_->Running()) {
      return ::testing::AssertionFailure()
             << options_.name << " exited before serving ("
             << process_->exit_status()->ToString() << "); stderr:\n" << Stderr();
    }
    // A new channel per attempt: no reconnect backoff left over from attempts
    // made before the server listened.
    grpc::health::v1::HealthCheckResponse::ServingStatus status{};
    last = CheckHealth(*NewChannel(""), absl::Milliseconds(500), &status);
    if (last.ok() && status == grpc::health::v1::HealthCheckResponse::SERVING) {
      return ::testing::AssertionSuccess();
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return ::testing::AssertionFailure() << options_.name << " not SERVING on " << address()
                                       << " after " << timeout << " (last check: "
                                       << Describe(last) << "); stderr:\n" << Stderr();
}

::testing::AssertionResult Fasciad::Bootstrap(const std::string& organization_id) {
  const std::string key_file =
      absl::StrCat(options_.work_dir, "/", options_.name, ".", organization_id, ".",
                   ++bootstraps_, ".owner.key");
  std::vector<std::string> args = {"bootstrap", "--organization=" + organization_id,
                                   "--display-name=Test " + organization_id,
                                   "--key-file=" + key_file};
  args.insert(args.end(), options_.args.begin(), options_.args.end());
  ChildProcess bootstrap(FasciadPath(), args, options_.work_dir,
                         absl::StrCat(options_.name, ".bootstrap.", bootstraps_));
  if (!bootstrap.Start()) return ::testing::AssertionFailure() << bootstrap.error();
  std::optional<ExitStatus> exit = bootstrap.WaitFor(absl::Seconds(30));
  if (!exit || !exit->Success()) {
    return ::testing::AssertionFailure()
           << "fasciad bootstrap " << (exit ? exit->ToString() : "did not finish in 30s")
           << "; stderr:\n" << bootstrap.Stderr();
  }
  std::string key(absl::StripAsciiWhitespace(ReadFile(key_file)));
  if (key.empty()) {
    return ::testing::AssertionFailure() << "fasciad bootstrap wrote no key to " << key_file;
  }
  owner_key_ = std::move(key);
  return ::testing::AssertionSuccess();
}

std::optional<ExitStatus> Fasciad::Stop(absl::Duration timeout) {
  process_->Terminate();
  return process_->WaitFor(timeout);
}

std::shared_ptr<grpc::Channel> Fasciad::NewChannel(const std::string& key) const {
  return e2e::NewChannel(address(), key);
}

std::string Fasciad::Stderr() const { return process_ ? process_->Stderr() : ""; }

}  // namespace fascia::e2e
