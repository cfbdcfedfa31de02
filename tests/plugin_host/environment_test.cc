// What an isolated plugin's host process can see of fasciad's environment:
// nothing. fasciad's environment may carry secrets (in Kubernetes the
// PostgreSQL URL came from a secretKeyRef), and the host runs third-party
// plugin code. The test puts a secret into this (fasciad's) process's
// environment, starts a real host, and reads the host's environment back
// from /proc/<pid>/environ, which is what the kernel handed it at exec.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdlib.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "plugins/isolated_plugin.h"
#include "plugins/plugin.h"
#include "test_support.h"

namespace fascia::plugins {
namespace {

using namespace testing;  // NOLINT: test helpers
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

// The NUL-separated NAME=value entries of a process's initial environment.
std::vector<std::string> EnvironmentOf(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/environ"), std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return absl::StrSplit(bytes.str(), '\0', absl::SkipEmpty());
}

class HostEnvironmentTest : public ::testing::Test {
 protected:
  // Before LoadPlugin starts any thread that could read the environment.
  void SetUp() override { ASSERT_EQ(setenv("FASCIA_TEST_SECRET", "hunter2", 1), 0); }
  void TearDown() override { unsetenv("FASCIA_TEST_SECRET"); }
};

TEST_F(HostEnvironmentTest, TheHostGetsAFixedEnvironmentAndNothingOfFasciads) {
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec(FPH_GOOD, Mode::kIsolated));
  ASSERT_TRUE(p.ok()) << p.status();
  const pid_t host = dynamic_cast<IsolatedPlugin&>(**p).host_pid();
  ASSERT_GT(host, 0);

  const std::vector<std::string> env = EnvironmentOf(host);
  EXPECT_THAT(env, Not(Contains(HasSubstr("FASCIA_TEST_SECRET"))));
  EXPECT_THAT(env, Not(Contains(HasSubstr("hunter2"))));
  // Exactly the documented entries (process_launcher.h): not PATH or HOME
  // or anything else inherited from the test's own environment either.
  EXPECT_THAT(env, UnorderedElementsAre("PATH=/usr/bin:/bin", "LANG=C.UTF-8"));

  // And the host serves with it.
  absl::StatusOr<pb::ScreenResponse> r = (*p)->Screen(ScreenFor("testmod", true, 3));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Echo(*r), "3");
}

}  // namespace
}  // namespace fascia::plugins
