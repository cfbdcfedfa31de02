// Calls on a loaded plugin, in both modes: typed calls answer correctly, the
// plugin's own errors arrive with their codes, malformed replies are
// DATA_LOSS (fail closed), and 16 concurrent callers each get their own
// answer -- run concurrently for a concurrent plugin, one at a time for one
// that did not declare FASCIA_PLUGIN_CONCURRENT.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "fascia_plugin.h"
#include "plugins/plugin.h"
#include "test_support.h"

namespace fascia::plugins {
namespace {

using namespace testing;  // NOLINT: test helpers

class CallsTest : public ::testing::TestWithParam<Mode> {
 protected:
  std::unique_ptr<Plugin> Load(const std::string& path,
                               std::map<std::string, std::string> settings = {}) {
    absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec(path, GetParam(), settings));
    EXPECT_TRUE(p.ok()) << p.status();
    return p.ok() ? std::move(*p) : nullptr;
  }
};

TEST_P(CallsTest, ScreenFiresTheRuleOnlyWhenTheFlagIsSet) {
  auto p = Load(FPH_GOOD);
  ASSERT_NE(p, nullptr);
  absl::StatusOr<pb::ScreenResponse> fired = p->Screen(ScreenFor("testmod", true, 7));
  ASSERT_TRUE(fired.ok()) << fired.status();
  EXPECT_TRUE(HasRule(*fired, "TM-1"));
  EXPECT_EQ(Echo(*fired), "7");
  absl::StatusOr<pb::ScreenResponse> quiet = p->Screen(ScreenFor("testmod", false, 8));
  ASSERT_TRUE(quiet.ok()) << quiet.status();
  EXPECT_FALSE(HasRule(*quiet, "TM-1"));
  EXPECT_EQ(Echo(*quiet), "8");
}

TEST_P(CallsTest, ValidateIntakeAndHealth) {
  auto p = Load(FPH_GOOD);
  ASSERT_NE(p, nullptr);
  pb::ValidateIntakeRequest request;
  request.set_modality("testmod");
  *request.mutable_response() = ScreenFor("testmod", false, -1).response();
  absl::StatusOr<pb::ValidateIntakeResponse> bad = p->ValidateIntake(request);
  ASSERT_TRUE(bad.ok()) << bad.status();
  ASSERT_EQ(bad->errors_size(), 1);
  EXPECT_EQ(bad->errors(0).field(), "tm.n");
  *request.mutable_response() = ScreenFor("testmod", false, 3).response();
  absl::StatusOr<pb::ValidateIntakeResponse> good = p->ValidateIntake(request);
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->errors_size(), 0);
  absl::StatusOr<pb::HealthResponse> health = p->Health();
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_TRUE(health->serving());
}

TEST_P(CallsTest, PluginErrorsKeepTheirCodes) {
  auto p = Load(FPH_GOOD);
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(p->Screen(ScreenFor("nosuchmodality", true, 1)).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, "plugin testmod: unknown modality"));
  EXPECT_THAT(p->Invoke(99, "").status(),
              StatusIs(absl::StatusCode::kUnimplemented, "unknown method id"));
  EXPECT_THAT(p->Invoke(FASCIA_METHOD_SCREEN, "\x0a\x05" "ab").status(),
              StatusIs(absl::StatusCode::kInvalidArgument, "request does not parse"));
}

TEST_P(CallsTest, AnOversizedRequestIsRefusedWithoutHarm) {
  auto p = Load(FPH_GOOD);
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(p->Invoke(FASCIA_METHOD_SCREEN, std::string(FASCIA_MAX_MESSAGE_BYTES + 1, 'x')).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, "exceeds the 4194304-byte limit"));
  EXPECT_TRUE(p->Health().ok());
  EXPECT_EQ(p->restarts(), 0);
}

TEST_P(CallsTest, AThrowingPluginAnswersInternal) {
  auto p = Load(FPH_THROW);
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(p->Screen(ScreenFor("throw", true, 1)).status(),
              StatusIs(absl::StatusCode::kInternal, "test plugin failure"));
  EXPECT_TRUE(p->Health().ok());  // the plugin, and its host, carry on
  EXPECT_EQ(p->restarts(), 0);
}

TEST_P(CallsTest, GarbageRepliesAreDataLoss) {
  auto p = Load(FPH_GARBAGE);
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(p->Screen(ScreenFor("garbage", true, 1)).status(),
              StatusIs(absl::StatusCode::kDataLoss, "SCREEN response does not parse"));
  EXPECT_TRUE(p->Health().ok());
  EXPECT_EQ(p->restarts(), 0);
}

// fascia_plugin.h: a plugin whose reply buffer is refused may fail without
// writing an Error; the call then fails naming the refusal.
TEST_P(CallsTest, AnErrorLeftUnwrittenAfterARefusedReplyNamesTheRefusal) {
  auto p = Load(FPH_REFUSED);
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(p->Screen(ScreenFor("refused", true, 1)).status(),
              StatusIs(absl::StatusCode::kInternal,
                       "plugin refused: response larger than the host accepts"));
  EXPECT_TRUE(p->Health().ok());
  EXPECT_EQ(p->restarts(), 0);
}

// 16 threads x 4 calls, each with its own number: every answer must echo
// the caller's number.
void Hammer(Plugin& plugin, const std::string& modality, std::atomic<int>& overlaps,
            std::atomic<int>& failures) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 4; ++i) {
        const int64_t n = t * 100 + i;
        absl::StatusOr<pb::ScreenResponse> r = plugin.Screen(ScreenFor(modality, t % 2 == 0, n));
        if (!r.ok() || Echo(*r) != std::to_string(n) || HasRule(*r, "TM-1") != (t % 2 == 0)) {
          ++failures;
          ADD_FAILURE() << "thread " << t << " call " << i << ": "
                        << (r.ok() ? "echo " + Echo(*r) : r.status().ToString());
        }
        if (r.ok() && HasRule(*r, "TM-OVERLAP")) ++overlaps;
      }
    });
  }
  for (auto& t : threads) t.join();
}

TEST_P(CallsTest, ConcurrentCallersAllGetTheirAnswers) {
  auto p = Load(FPH_GOOD, {{"sleep_ms", "20"}});
  ASSERT_NE(p, nullptr);
  std::atomic<int> overlaps{0}, failures{0};
  Hammer(*p, "testmod", overlaps, failures);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(overlaps.load(), 0) << "a concurrent plugin should run calls side by side";
}

TEST_P(CallsTest, ASerialPluginIsCalledOneAtATime) {
  auto p = Load(FPH_SERIAL, {{"sleep_ms", "2"}});
  ASSERT_NE(p, nullptr);
  std::atomic<int> overlaps{0}, failures{0};
  Hammer(*p, "testserial", overlaps, failures);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(overlaps.load(), 0) << "calls overlapped inside a non-concurrent plugin";
}

INSTANTIATE_TEST_SUITE_P(Modes, CallsTest, ::testing::Values(Mode::kInProcess, Mode::kIsolated),
                         ModeName);

}  // namespace
}  // namespace fascia::plugins
