// LoadPlugin: a good plugin loads with the right info and Descriptor, and
// every kind of bad plugin is rejected with a message naming the file and
// the problem -- identically in both modes, since the isolated host runs
// the same loader. The test process surviving each case is the point.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include "fascia_plugin.h"
#include "plugins/plugin.h"
#include "test_support.h"

namespace fascia::plugins {
namespace {

using ::testing::HasSubstr;
using namespace testing;  // NOLINT: test helpers

class LoaderTest : public ::testing::TestWithParam<Mode> {
 protected:
  void TearDown() override { EXPECT_FALSE(HasZombieChild()); }

  // Loads `path`, expects a rejection containing `reason`, and checks that
  // the message names the file.
  void ExpectRejected(const std::string& path, absl::StatusCode code, const std::string& reason,
                      std::map<std::string, std::string> settings = {}) {
    absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec(path, GetParam(), settings));
    ASSERT_FALSE(p.ok()) << path;
    EXPECT_THAT(p.status(), StatusIs(code, reason));
    EXPECT_THAT(std::string(p.status().message()), HasSubstr("plugin " + path + ": "));
  }
};

// The config says a relative path is relative to the working directory;
// dlopen would search the library path for a bare name instead.
TEST_P(LoaderTest, ABareFileNameIsInTheWorkingDirectory) {
  char dir_template[] = "/tmp/fascia-bare-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  ASSERT_EQ(symlink(FPH_GOOD, (dir + "/bare_good.so").c_str()), 0);
  char previous[4096];
  ASSERT_NE(getcwd(previous, sizeof(previous)), nullptr);
  ASSERT_EQ(chdir(dir.c_str()), 0);
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec("bare_good.so", GetParam()));
  const absl::Status loaded = p.status();
  p = absl::CancelledError("unloaded");  // stops an isolated host before its file goes
  ASSERT_EQ(chdir(previous), 0);
  unlink((dir + "/bare_good.so").c_str());
  rmdir(dir.c_str());
  EXPECT_TRUE(loaded.ok()) << loaded;
}

TEST_P(LoaderTest, LoadsAGoodPlugin) {
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec(FPH_GOOD, GetParam()));
  ASSERT_TRUE(p.ok()) << p.status();
  const PluginInfo& info = (*p)->info();
  EXPECT_EQ(info.plugin_id, "testmod");
  EXPECT_EQ(info.version, "1.0.0");
  EXPECT_EQ(info.abi_major, FASCIA_PLUGIN_ABI_MAJOR);
  EXPECT_EQ(info.abi_minor, FASCIA_PLUGIN_ABI_MINOR);
  EXPECT_TRUE(info.concurrent);
  EXPECT_EQ(info.mode, GetParam());
  EXPECT_EQ(info.path, FPH_GOOD);
  const pb::Descriptor& d = (*p)->descriptor();
  EXPECT_EQ(d.plugin_id(), "testmod");
  ASSERT_EQ(d.modalities_size(), 1);
  EXPECT_EQ(d.modalities(0).code(), "testmod");
  EXPECT_EQ(d.modalities(0).form_id(), "testmod-intake");
  ASSERT_EQ(d.forms_size(), 1);
  EXPECT_EQ(d.forms(0).items_size(), 2);
  EXPECT_EQ(d.rules_size(), 3);
  EXPECT_TRUE((*p)->healthy());
  EXPECT_EQ((*p)->restarts(), 0);
}

TEST_P(LoaderTest, SerialPluginIsNotConcurrent) {
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec(FPH_SERIAL, GetParam()));
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_FALSE((*p)->info().concurrent);
}

TEST_P(LoaderTest, RejectsAMissingFile) {
  ExpectRejected("/nonexistent/fph_missing.so", absl::StatusCode::kFailedPrecondition,
                 "cannot load");
}

TEST_P(LoaderTest, RejectsAFileThatIsNotASharedObject) {
  ExpectRejected(FPH_NOT_A_LIBRARY, absl::StatusCode::kFailedPrecondition, "cannot load");
}

TEST_P(LoaderTest, RejectsAMissingEntrySymbol) {
  ExpectRejected(FPH_NO_ENTRY, absl::StatusCode::kFailedPrecondition,
                 "no entry symbol fascia_plugin_entry");
}

TEST_P(LoaderTest, RejectsANullTable) {
  ExpectRejected(FPH_NULL_TABLE, absl::StatusCode::kFailedPrecondition,
                 "fascia_plugin_entry returned NULL");
}

TEST_P(LoaderTest, RejectsAnotherAbiMajor) {
  ExpectRejected(FPH_ABI_MAJOR, absl::StatusCode::kFailedPrecondition,
                 "ABI major 2, host speaks 1");
}

TEST_P(LoaderTest, RejectsANewerAbiMinor) {
  ExpectRejected(FPH_ABI_MINOR, absl::StatusCode::kFailedPrecondition,
                 "ABI 1.1 is newer than the host's 1.0");
}

TEST_P(LoaderTest, RejectsAShortTable) {
  ExpectRejected(FPH_SHORT_TABLE, absl::StatusCode::kFailedPrecondition,
                 "ABI table is 48 bytes, ABI 1.0 needs at least 56");
}

TEST_P(LoaderTest, RejectsAnInvalidDescriptor) {
  ExpectRejected(FPH_BAD_DESCRIPTOR, absl::StatusCode::kFailedPrecondition,
                 "invalid Descriptor: forms[baddesc-intake].tm.flag");
}

TEST_P(LoaderTest, RejectsABadSettingNamingIt) {
  ExpectRejected(FPH_GOOD, absl::StatusCode::kInvalidArgument, "create() failed: setting sleep_ms",
                 {{"sleep_ms", "abc"}});
}

TEST_P(LoaderTest, RejectsAnUnknownSettingNamingIt) {
  ExpectRejected(FPH_GOOD, absl::StatusCode::kInvalidArgument,
                 "create() failed: unknown setting sleep_mss", {{"sleep_mss", "100"}});
}

// fascia_plugin.h lets create() fail without writing its Error once the
// host refused the buffer for it; the rejection then names the refusal.
TEST_P(LoaderTest, RejectsACreateWhoseErrorWasRefusedNamingTheRefusal) {
  ExpectRejected(FPH_REFUSED, absl::StatusCode::kInternal,
                 "create() failed, and its error was larger than the host accepts",
                 {{"any", "setting"}});
}

TEST_P(LoaderTest, RejectsANonPositiveTimeout) {
  absl::StatusOr<std::unique_ptr<Plugin>> p =
      LoadPlugin(Spec(FPH_GOOD, GetParam(), {}, absl::ZeroDuration()));
  EXPECT_THAT(p.status(), StatusIs(absl::StatusCode::kInvalidArgument, "call_timeout"));
}

TEST_P(LoaderTest, StillLoadsAfterRejections) {
  ExpectRejected(FPH_ABI_MAJOR, absl::StatusCode::kFailedPrecondition, "ABI major");
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec(FPH_GOOD, GetParam()));
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE((*p)->Health().ok());
}

INSTANTIATE_TEST_SUITE_P(Modes, LoaderTest, ::testing::Values(Mode::kInProcess, Mode::kIsolated),
                         ModeName);

TEST(IsolatedLoaderTest, RejectsAMissingHostExecutable) {
  PluginSpec spec = Spec(FPH_GOOD, Mode::kIsolated);
  spec.host_executable = "/nonexistent/fascia-plugin-host";
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(spec);
  EXPECT_THAT(p.status(), StatusIs(absl::StatusCode::kUnavailable,
                                   "cannot start plugin host /nonexistent/fascia-plugin-host"));
}

}  // namespace
}  // namespace fascia::plugins
