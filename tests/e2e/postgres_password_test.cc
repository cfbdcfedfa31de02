// fasciad on a PostgreSQL role that must authenticate with its password
// (scram-sha-256 over TCP on loopback; see tests/support/pg_throwaway.sh),
// the password given only through database.password_file, never in the URL,
// on the command line or in the environment. The right password serves; a
// wrong one, or none, stops fasciad at start with libpq's reason; and no
// output of fasciad's, --check-config included, ever shows the password.
#include <sys/stat.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "fasciad_process.h"
#include "support/postgres_test_db.h"

namespace fascia::e2e {
namespace {

// Characters a URL would need escaped, so only the file can carry it as is.
constexpr char kPassword[] = "c0rrect h@rse:b/attery?%41";
constexpr char kWrongPassword[] = "wr0ng h@rse:b/attery?%41";

// Writes `content` to `path` with `mode`.
std::string WriteSecret(const std::string& path, const std::string& content, mode_t mode) {
  std::ofstream(path) << content;
  EXPECT_EQ(chmod(path.c_str(), mode), 0);
  return path;
}

// `fasciad --check-config` on this test's database and `password_file`.
struct CheckConfigRun {
  bool success = false;
  std::string stdout_text, stderr_text;
};

CheckConfigRun CheckConfig(const std::string& dir, const std::string& url,
                           const std::string& password_file) {
  ChildProcess check(FasciadPath(),
                     {"--check-config", "/dev/null", "--database=" + url,
                      "--database_password_file=" + password_file},
                     dir, "check-config");
  CheckConfigRun run;
  EXPECT_TRUE(check.Start()) << check.error();
  std::optional<ExitStatus> exit = check.WaitFor(absl::Seconds(10));
  EXPECT_TRUE(exit.has_value()) << "--check-config did not exit";
  run.success = exit.has_value() && exit->Success();
  run.stdout_text = check.Stdout();
  run.stderr_text = check.Stderr();
  return run;
}

class PostgresPasswordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FASCIA_ASSIGN_POSTGRES_URL_FROM(url_, ::fascia::testing::FreshPostgresDatabaseUrlWithPassword,
                                    kPassword);
    ASSERT_FALSE(absl::StrContains(url_, kPassword));
  }

  // A fasciad on this test's database; `password_file` may be empty.
  FasciadOptions Options(const std::string& password_file) {
    FasciadOptions options;
    options.work_dir = dir_.path();
    options.log_level = "debug";  // the most output there is to leak into
    options.args = {"--database=" + url_};
    if (!password_file.empty()) {
      options.args.push_back("--database_password_file=" + password_file);
    }
    return options;
  }

  // Starts fasciad and expects it to give up at start; returns its stderr.
  std::string StartupFailure(const std::string& password_file) {
    Fasciad server(Options(password_file));
    EXPECT_TRUE(server.Start());
    std::optional<ExitStatus> exit = server.process().WaitFor(absl::Seconds(30));
    EXPECT_TRUE(exit.has_value()) << "fasciad kept running";
    if (exit.has_value()) {
      EXPECT_FALSE(exit->Success()) << exit->ToString();
    }
    return server.Stderr();
  }

  TempDir dir_;
  std::string url_;
};

TEST_F(PostgresPasswordTest, ServesWithThePasswordFromTheFile) {
  // Group-readable, as Kubernetes mounts it; one trailing newline, as `echo`
  // writes it.
  const std::string file =
      WriteSecret(dir_.path() + "/pg-password", std::string(kPassword) + "\n", 0640);
  Fasciad server(Options(file));
  ASSERT_TRUE(server.Bootstrap("acme"));  // migrations and a write, as that role
  ASSERT_TRUE(server.StartServing());
  std::optional<ExitStatus> exit = server.Stop();
  ASSERT_TRUE(exit.has_value());
  EXPECT_TRUE(exit->Success()) << exit->ToString();
  EXPECT_FALSE(absl::StrContains(server.Stderr(), kPassword)) << server.Stderr();
}

TEST_F(PostgresPasswordTest, AWrongPasswordStopsFasciadWithLibpqsReason) {
  const std::string file = WriteSecret(dir_.path() + "/pg-password", kWrongPassword, 0600);
  const std::string stderr_text = StartupFailure(file);
  EXPECT_TRUE(absl::StrContains(stderr_text, "password authentication failed")) << stderr_text;
  EXPECT_FALSE(absl::StrContains(stderr_text, kWrongPassword)) << stderr_text;
  EXPECT_FALSE(absl::StrContains(stderr_text, kPassword)) << stderr_text;
}

// Without the file the same role is refused: the server above authenticated
// with the file's password, not through the cluster's trust rule.
TEST_F(PostgresPasswordTest, WithoutThePasswordFileTheRoleIsRefused) {
  const std::string stderr_text = StartupFailure("");
  EXPECT_TRUE(absl::StrContains(stderr_text, "no password supplied")) << stderr_text;
}

TEST_F(PostgresPasswordTest, CheckConfigNeverPrintsThePassword) {
  CheckConfigRun ok =
      CheckConfig(dir_.path(), url_, WriteSecret(dir_.path() + "/good", kPassword, 0400));
  EXPECT_TRUE(ok.success) << ok.stderr_text;
  EXPECT_FALSE(absl::StrContains(ok.stdout_text + ok.stderr_text, kPassword)) << ok.stdout_text;

  // World-readable: refused, naming the field, still without the password.
  CheckConfigRun bad =
      CheckConfig(dir_.path(), url_, WriteSecret(dir_.path() + "/loose", kPassword, 0644));
  EXPECT_FALSE(bad.success);
  EXPECT_TRUE(absl::StrContains(bad.stderr_text, "database.password_file")) << bad.stderr_text;
  EXPECT_TRUE(absl::StrContains(bad.stderr_text, "other users")) << bad.stderr_text;
  EXPECT_FALSE(absl::StrContains(bad.stdout_text + bad.stderr_text, kPassword)) << bad.stderr_text;
}

}  // namespace
}  // namespace fascia::e2e
