// The start timeout (StartTimeout, plugin.h): a plugin whose create()
// outlasts it is refused in bounded time with a message naming the file and
// the timeout, in both modes. In-process (open_with_deadline.h), its
// declared modalities then fail closed and the plugins after it still load;
// the stuck load is abandoned on its thread, and loading the same file again
// fails at once while it runs.
//
// fph_slow (create_sleep_ms) is the slow plugin; no other test loads it, as
// an abandoned load keeps its path busy until create() returns.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include "plugins/open_with_deadline.h"
#include "plugins/plugin_registry.h"
#include "test_support.h"

namespace fascia::plugins {
namespace {

using ::testing::HasSubstr;
using namespace testing;  // NOLINT: test helpers

constexpr absl::Duration kShortStart = absl::Milliseconds(200);

// Sleeps in create() for 1.5 s, far longer than kShortStart.
PluginSpec SlowSpec(Mode mode) {
  PluginSpec spec = Spec(FPH_SLOW, mode, {{"create_sleep_ms", "1500"}});
  spec.start_timeout = kShortStart;
  spec.modalities = {"slow"};
  return spec;
}

// One test for all the in-process checks. It ends once the load it abandons
// has finished, so that FPH_SLOW is free again for a later test or
// repetition in the same process.
TEST(InProcessStartTimeoutTest, ASlowCreateIsAbandonedAndTheNextPluginLoads) {
  ::testing::internal::CaptureStderr();
  const absl::Time start = absl::Now();
  std::unique_ptr<PluginRegistry> registry =
      PluginRegistry::Load({SlowSpec(Mode::kInProcess), Spec(FPH_GOOD, Mode::kInProcess)});
  const absl::Duration took = absl::Now() - start;
  ASSERT_NE(registry, nullptr);

  // Not the 1.5 s create(): the 200 ms deadline plus loading the good plugin.
  EXPECT_LT(took, absl::Milliseconds(1200));
  EXPECT_EQ(registry->ForModality("slow"), nullptr);
  EXPECT_TRUE(registry->Unavailable("slow"));
  Plugin* good = registry->ForModality("testmod");
  ASSERT_NE(good, nullptr);
  absl::StatusOr<pb::ScreenResponse> r = good->Screen(ScreenFor("testmod", true, 3));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Echo(*r), "3");

  // The abandoned load is still inside create(): a second one must not run
  // create() beside it (the ABI allows one thread at a time), nor wait.
  const absl::Time again = absl::Now();
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(SlowSpec(Mode::kInProcess));
  EXPECT_LT(absl::Now() - again, kShortStart);
  EXPECT_THAT(p.status(), StatusIs(absl::StatusCode::kUnavailable,
                                   "an earlier load of it is still running"));
  EXPECT_TRUE(AnyLoadAbandoned());
  // By another name of the same file too: dlopen would hand it the same
  // instance.
  const std::string alias = ::testing::TempDir() + "fph_slow_alias.so";
  unlink(alias.c_str());
  ASSERT_EQ(symlink(FPH_SLOW, alias.c_str()), 0);
  PluginSpec by_alias = SlowSpec(Mode::kInProcess);
  by_alias.path = alias;
  EXPECT_THAT(LoadPlugin(by_alias).status(),
              StatusIs(absl::StatusCode::kUnavailable, "an earlier load of it is still running"));
  unlink(alias.c_str());

  // When create() returns at last, the late instance is destroyed, the
  // abandonment logged, and the file may be loaded again.
  p = RetryWhileUnavailable([] { return LoadPlugin(Spec(FPH_SLOW, Mode::kInProcess)); });
  const std::string log = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_THAT(log, HasSubstr("\"plugin_rejected\""));
  EXPECT_THAT(log, HasSubstr(std::string("plugin ") + FPH_SLOW +
                             ": did not finish loading within 200ms"));
  EXPECT_THAT(log, HasSubstr("\"plugin_load_abandoned\""));
  EXPECT_THAT(log, HasSubstr("loaded after its start timeout"));
  EXPECT_FALSE(AnyLoadAbandoned());
}

TEST(IsolatedStartTimeoutTest, ASlowCreateIsRefusedInBoundedTime) {
  const absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(SlowSpec(Mode::kIsolated));
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  EXPECT_THAT(p.status(),
              StatusIs(absl::StatusCode::kDeadlineExceeded,
                       std::string("plugin ") + FPH_SLOW +
                           ": plugin host did not finish loading within 200ms"));
  EXPECT_FALSE(HasZombieChild());
}

TEST(InProcessStartTimeoutTest, ALoadWithinTheTimeoutSucceeds) {
  PluginSpec spec = Spec(FPH_GOOD, Mode::kInProcess, {{"create_sleep_ms", "50"}});
  spec.start_timeout = absl::Seconds(3);
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(spec);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE((*p)->Health().ok());
}

TEST(StartTimeoutDefaultTest, IsTheLongerOfTheCallTimeoutAndFiveSeconds) {
  PluginSpec spec = Spec(FPH_GOOD, Mode::kInProcess, {}, absl::Seconds(2));
  EXPECT_EQ(StartTimeout(spec), kMinStartTimeout);
  spec.call_timeout = absl::Seconds(9);
  EXPECT_EQ(StartTimeout(spec), absl::Seconds(9));
  spec.start_timeout = kShortStart;
  EXPECT_EQ(StartTimeout(spec), kShortStart);
}

TEST(StartTimeoutDefaultTest, ANegativeStartTimeoutIsRejected) {
  PluginSpec spec = Spec(FPH_GOOD, Mode::kInProcess);
  spec.start_timeout = absl::Milliseconds(-1);
  EXPECT_THAT(LoadPlugin(spec).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, "start_timeout must not be negative"));
}

}  // namespace
}  // namespace fascia::plugins
