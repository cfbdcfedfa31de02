// Containment: a plugin that crashes, hangs or is slow costs its calls, not
// the test process (fasciad). In-process, a hang ends at the deadline and a
// stuck plugin fails fast afterwards; isolated, the host process is killed
// or reaped, restarted on a later call (after backoff), and dies when its
// parent dies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "plugins/isolated_plugin.h"
#include "plugins/plugin.h"
#include "test_support.h"

namespace fascia::plugins {
namespace {

using namespace testing;  // NOLINT: test helpers

std::unique_ptr<Plugin> MustLoad(const PluginSpec& spec) {
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(spec);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? std::move(*p) : nullptr;
}

pid_t HostPid(Plugin& p) { return dynamic_cast<IsolatedPlugin&>(p).host_pid(); }

// True once `pid` no longer runs (gone, or a zombie its new parent has not
// reaped yet).
bool ProcessGone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  const size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

bool WaitGone(pid_t pid, absl::Duration limit) {
  const absl::Time end = absl::Now() + limit;
  while (!ProcessGone(pid)) {
    if (absl::Now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

TEST(IsolatedFailureTest, ACrashIsUnavailableAndTheHostRestarts) {
  auto p = MustLoad(Spec(FPH_CRASH, Mode::kIsolated));
  ASSERT_NE(p, nullptr);
  const pid_t first = HostPid(*p);
  EXPECT_THAT(p->Screen(ScreenFor("crash", true, 1)).status(),
              StatusIs(absl::StatusCode::kUnavailable, "killed by signal 6 (SIGABRT)"));
  EXPECT_FALSE(p->healthy());
  EXPECT_TRUE(ProcessGone(first));
  EXPECT_FALSE(HasZombieChild());
  // Later calls restart the host and get real answers again.
  absl::StatusOr<pb::HealthResponse> health = RetryWhileUnavailable([&] { return p->Health(); });
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_TRUE(health->serving());
  EXPECT_EQ(p->restarts(), 1);
  EXPECT_TRUE(p->healthy());
  EXPECT_NE(HostPid(*p), first);
}

TEST(IsolatedFailureTest, CallsDuringBackoffFailAtOnce) {
  auto p = MustLoad(Spec(FPH_CRASH, Mode::kIsolated));
  ASSERT_NE(p, nullptr);
  ASSERT_FALSE(p->Screen(ScreenFor("crash", true, 1)).ok());
  const absl::Time crashed = absl::Now();
  absl::StatusOr<pb::HealthResponse> during = p->Health();
  if (absl::Now() - crashed >= absl::Milliseconds(45)) {
    GTEST_SKIP() << "machine too slow to call within the 50 ms backoff";
  }
  EXPECT_THAT(during.status(), StatusIs(absl::StatusCode::kUnavailable, "restart in"));
  EXPECT_EQ(p->restarts(), 0);
}

TEST(IsolatedFailureTest, ARestartRefusesAPluginThatChangedOnDisk) {
  char dir[] = "/tmp/fph_swap_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string path = std::string(dir) + "/plugin.so";
  const std::string staged = std::string(dir) + "/staged.so";
  auto copy = [](const std::string& from, const std::string& to) {
    std::ifstream in(from, std::ios::binary);
    std::ofstream out(to, std::ios::binary);
    out << in.rdbuf();
    return static_cast<bool>(out);
  };
  ASSERT_TRUE(copy(FPH_GOOD, path));
  auto p = MustLoad(Spec(path, Mode::kIsolated));
  ASSERT_NE(p, nullptr);
  // Another plugin takes the file's place; the running host is killed.
  ASSERT_TRUE(copy(FPH_OTHER, staged));
  ASSERT_EQ(rename(staged.c_str(), path.c_str()), 0);
  ASSERT_EQ(kill(HostPid(*p), SIGKILL), 0);
  absl::StatusOr<pb::HealthResponse> r = p->Health();
  const absl::Time end = absl::Now() + absl::Seconds(10);
  while ((r.ok() || r.status().message().find("restart failed") == absl::string_view::npos) &&
         absl::Now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    r = p->Health();
  }
  EXPECT_THAT(r.status(), StatusIs(absl::StatusCode::kUnavailable,
                                   "restarted host loaded othermod 1.0.0, expected testmod 1.0.0"));
  EXPECT_EQ(p->restarts(), 0);
  EXPECT_FALSE(HasZombieChild());
  p.reset();
  unlink(path.c_str());
  rmdir(dir);
}

TEST(IsolatedFailureTest, RepeatedCrashesBackOffAndKeepRestarting) {
  auto p = MustLoad(Spec(FPH_CRASH, Mode::kIsolated));
  ASSERT_NE(p, nullptr);
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<pb::ScreenResponse> r =
        RetryWhileUnavailable([&]() -> absl::StatusOr<pb::ScreenResponse> {
          absl::StatusOr<pb::ScreenResponse> s = p->Screen(ScreenFor("crash", true, 1));
          // The crash itself is UNAVAILABLE too: stop retrying once it is seen.
          const absl::string_view m = s.status().message();
          if (!s.ok() && m.find("SIGABRT") != m.npos && m.find("restart in") == m.npos) {
            return absl::AbortedError(s.status().message());
          }
          return s;
        });
    EXPECT_THAT(r.status(), StatusIs(absl::StatusCode::kAborted, "SIGABRT"));
  }
  EXPECT_EQ(p->restarts(), 2);
  EXPECT_FALSE(HasZombieChild());
}

TEST(IsolatedFailureTest, AHangIsDeadlineExceededAndTheHostIsKilled) {
  auto p = MustLoad(Spec(FPH_HANG, Mode::kIsolated, {}, absl::Milliseconds(300)));
  ASSERT_NE(p, nullptr);
  const pid_t first = HostPid(*p);
  const absl::Time start = absl::Now();
  EXPECT_THAT(p->Screen(ScreenFor("hang", true, 1)).status(),
              StatusIs(absl::StatusCode::kDeadlineExceeded, "no SCREEN answer within 300ms"));
  const absl::Duration took = absl::Now() - start;
  EXPECT_GE(took, absl::Milliseconds(290));
  EXPECT_LT(took, absl::Seconds(2));
  EXPECT_TRUE(WaitGone(first, absl::Seconds(5)));
  absl::StatusOr<pb::HealthResponse> health = RetryWhileUnavailable([&] { return p->Health(); });
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(p->restarts(), 1);
  EXPECT_FALSE(HasZombieChild());
}

TEST(IsolatedFailureTest, AKilledHostIsRestartedOnTheNextCall) {
  auto p = MustLoad(Spec(FPH_GOOD, Mode::kIsolated));
  ASSERT_NE(p, nullptr);
  const pid_t first = HostPid(*p);
  ASSERT_GT(first, 0);
  ASSERT_EQ(kill(first, SIGKILL), 0);
  const absl::Time end = absl::Now() + absl::Seconds(5);
  while (p->healthy() && absl::Now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_FALSE(p->healthy());
  absl::StatusOr<pb::ScreenResponse> r =
      RetryWhileUnavailable([&] { return p->Screen(ScreenFor("testmod", true, 5)); });
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Echo(*r), "5");
  EXPECT_EQ(p->restarts(), 1);
}

TEST(IsolatedFailureTest, ASlowCallTimesOutAndLaterCallsWork) {
  auto p = MustLoad(Spec(FPH_GOOD, Mode::kIsolated, {{"sleep_ms", "3000"}}, absl::Milliseconds(200)));
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(p->Screen(ScreenFor("testmod", true, 1)).status(),
              StatusIs(absl::StatusCode::kDeadlineExceeded, "within 200ms"));
  absl::StatusOr<pb::HealthResponse> health = RetryWhileUnavailable([&] { return p->Health(); });
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(p->restarts(), 1);
}

TEST(IsolatedFailureTest, TheHostDiesWithItsParent) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec(FPH_GOOD, Mode::kIsolated));
    pid_t host = p.ok() ? HostPid(**p) : -1;
    if (write(fds[1], &host, sizeof(host)) != sizeof(host)) _exit(1);
    _exit(0);  // no destructors: the host must notice by itself
  }
  close(fds[1]);
  pid_t host = -1;
  ASSERT_EQ(read(fds[0], &host, sizeof(host)), static_cast<ssize_t>(sizeof(host)));
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_GT(host, 0) << "the child could not load the plugin";
  EXPECT_TRUE(WaitGone(host, absl::Seconds(5))) << "plugin host " << host << " outlived its parent";
}

TEST(InProcessFailureTest, AHangIsDeadlineExceededThenFailsFast) {
  auto p = MustLoad(Spec(FPH_HANG, Mode::kInProcess, {}, absl::Milliseconds(300)));
  ASSERT_NE(p, nullptr);
  absl::Time start = absl::Now();
  EXPECT_THAT(p->Screen(ScreenFor("hang", true, 1)).status(),
              StatusIs(absl::StatusCode::kDeadlineExceeded, "no SCREEN answer within 300ms"));
  const absl::Duration took = absl::Now() - start;
  EXPECT_GE(took, absl::Milliseconds(290));
  EXPECT_LT(took, absl::Seconds(2));
  EXPECT_FALSE(p->healthy());
  // The only worker of this serial plugin is stuck: fail at once.
  start = absl::Now();
  EXPECT_THAT(p->Health().status(), StatusIs(absl::StatusCode::kUnavailable, "stuck"));
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(200));
  // Unloading must not wait for the hung call (its thread is detached).
  start = absl::Now();
  p.reset();
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
}

TEST(InProcessFailureTest, ASlowCallTimesOutAndThePluginRecovers) {
  auto p = MustLoad(Spec(FPH_GOOD, Mode::kInProcess, {{"sleep_ms", "600"}}, absl::Milliseconds(150)));
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(p->Screen(ScreenFor("testmod", true, 1)).status(),
              StatusIs(absl::StatusCode::kDeadlineExceeded, "within 150ms"));
  EXPECT_FALSE(p->healthy());
  // A concurrent plugin has other workers: it still answers meanwhile.
  EXPECT_TRUE(p->Health().ok());
  const absl::Time end = absl::Now() + absl::Seconds(5);
  while (!p->healthy() && absl::Now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(p->healthy());
}

TEST(InProcessFailureDeathTest, ACrashInProcessTakesTheProcessDown) {
  // Why isolated mode exists: in-process, abort() is fasciad's abort().
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  EXPECT_DEATH(
      {
        auto p = LoadPlugin(Spec(FPH_CRASH, Mode::kInProcess));
        if (p.ok()) (void)(*p)->Screen(ScreenFor("crash", true, 1));
      },
      "");
}

}  // namespace
}  // namespace fascia::plugins
