// fasciad's command line and config file, as an operator meets them:
// --version, a config file with a mistake (the server must refuse to start
// and say what is wrong, as a JSON log line, rather than run with a guess),
// and flags taking precedence over the file.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "e2e_chain.h"
#include "fasciad_process.h"
#include "json_log.h"
#include "rpc_util.h"

namespace fascia::e2e {
namespace {

std::string WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigTest, VersionPrintsVersionAndExitsZero) {
  TempDir dir;
  ChildProcess fasciad(FasciadPath(), {"--version"}, dir.path());
  ASSERT_TRUE(fasciad.Start()) << fasciad.error();
  std::optional<ExitStatus> exit = fasciad.WaitFor(absl::Seconds(10));
  ASSERT_TRUE(exit.has_value()) << "--version did not exit";
  EXPECT_TRUE(exit->Success()) << exit->ToString() << "\n" << fasciad.Stderr();
  EXPECT_EQ(fasciad.Stdout(), std::string("fasciad ") + FASCIA_VERSION + "\n");
  // --version must not start anything: no database in the working directory.
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/data"));
}

struct BadConfig {
  const char* name;
  const char* text;     // the config file
  const char* problem;  // must appear in the logged error
};

// Names the case in test listings instead of dumping the struct's bytes.
void PrintTo(const BadConfig& config, std::ostream* os) { *os << config.name; }

class BadConfigTest : public ::testing::TestWithParam<BadConfig> {};

TEST_P(BadConfigTest, RefusesToStartAndNamesTheProblem) {
  TempDir dir;
  const std::string config = WriteFile(dir.path() + "/fasciad.textproto", GetParam().text);
  FasciadOptions options;
  options.work_dir = dir.path();
  // No other flags: they would override (and so hide) a bad value in the file.
  options.log_level = "";
  options.args = {"--config=" + config};
  Fasciad server(options);
  ASSERT_TRUE(server.Start());
  std::optional<ExitStatus> exit = server.process().WaitFor(absl::Seconds(10));
  ASSERT_TRUE(exit.has_value()) << "fasciad kept running with a bad config";
  EXPECT_TRUE(exit->exited && exit->code != 0) << exit->ToString();

  JsonLog log = ParseJsonLog(server.Stderr());
  EXPECT_TRUE(log.bad_lines.empty()) << "not JSON: " << log.bad_lines.front();
  bool named = false;
  for (const auto& line : log.lines) {
    if (StringField(line, "level") == "error" &&
        absl::StrContains(StringField(line, "error"), GetParam().problem)) {
      named = true;
    }
  }
  EXPECT_TRUE(named) << "no error line naming \"" << GetParam().problem << "\" in:\n"
                     << server.Stderr();
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/data"))
      << "the database was opened despite the bad config";
}

INSTANTIATE_TEST_SUITE_P(
    Files, BadConfigTest,
    ::testing::Values(
        BadConfig{"UnknownField", "listen_adress: \"127.0.0.1:1\"\n", "listen_adress"},
        BadConfig{"UnknownNestedField", "limits { max_thread: 8 }\n", "max_thread"},
        // protobuf's parser names the position, not the field, for a bad value.
        BadConfig{"WrongType", "seed_demo: \"yes\"\n", "fasciad.textproto: line 1:12"},
        BadConfig{"OutOfRange", "limits { max_threads: 1 }\n", "limits.max_threads"},
        BadConfig{"BadLogLevel", "log_level: \"loud\"\n", "loud"},
        BadConfig{"BadDatabaseUrl", "database_url: \"mysql://x\"\n", "database_url"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ConfigTest, MissingConfigFileIsAnError) {
  TempDir dir;
  FasciadOptions options;
  options.work_dir = dir.path();
  options.args = {"--config=" + dir.path() + "/nope.textproto"};
  Fasciad server(options);
  ASSERT_TRUE(server.Start());
  std::optional<ExitStatus> exit = server.process().WaitFor(absl::Seconds(10));
  ASSERT_TRUE(exit.has_value());
  EXPECT_TRUE(exit->exited && exit->code != 0) << exit->ToString();
  EXPECT_TRUE(absl::StrContains(server.Stderr(), "nope.textproto")) << server.Stderr();
}

TEST(ConfigTest, FlagsOverrideTheFile) {
  TempDir dir;
  PortReservation file_port;
  ASSERT_TRUE(file_port.ok()) << file_port.error();
  // The file says: listen on file_port, log every RPC (info), keep data in
  // from-file/. The flags say: listen elsewhere, warnings only.
  const std::string config =
      WriteFile(dir.path() + "/fasciad.textproto",
                "listen_address: \"" + file_port.address() + "\"\n" +
                    "log_level: \"info\"\n"
                    "data_dir: \"" + dir.path() + "/from-file\"\n");
  FasciadOptions options;
  options.work_dir = dir.path();
  options.log_level = "warning";
  options.args = {"--config=" + config};
  Fasciad server(options);
  ASSERT_TRUE(server.StartServing());

  // A successful RPC, which at info level would be logged.
  grpc::health::v1::HealthCheckResponse::ServingStatus health{};
  grpc::Status s = CheckHealth(*server.NewChannel(), absl::Seconds(5), &health);
  EXPECT_TRUE(s.ok()) << Describe(s);

  s = CheckHealth(*NewChannel(file_port.address()), absl::Seconds(2), &health);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE)
      << "the file's listen_address is served too: " << Describe(s);

  // Unoverridden file settings still apply.
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/from-file/fascia.db"));

  std::optional<ExitStatus> exit = server.Stop();
  ASSERT_TRUE(exit.has_value());
  EXPECT_TRUE(exit->Success()) << exit->ToString();
  JsonLog log = ParseJsonLog(server.Stderr());
  for (const auto& line : log.lines) {
    EXPECT_NE(StringField(line, "level"), "info")
        << "--log_level=warning did not override the file's info";
  }
}

// `fasciad bootstrap` is the first command an operator runs on a new
// machine (docs/access.md), so like `fasciad` and `fasciad migrate` it must
// create the data directory of the embedded database when it is missing.
TEST(ConfigTest, BootstrapCreatesTheDataDirLikeServe) {
  TempDir dir;
  FasciadOptions options;
  options.work_dir = dir.path();
  options.args = {"--data_dir=" + dir.path() + "/fresh/data"};
  Fasciad server(options);
  ASSERT_TRUE(server.Bootstrap("acme"));
  ASSERT_TRUE(server.StartServing());
  ChainApi api(server.NewChannel());
  v1::Location ny;
  grpc::Status s = GetLocation(api, kNy, &ny);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << "the key works: " << Describe(s);
}

}  // namespace
}  // namespace fascia::e2e
