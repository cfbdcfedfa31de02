// Lifetimes at the edges of an isolated plugin: a host process that dies the
// moment it has loaded (before fasciad has made it the current one) must
// still be noticed and restarted; a call waiting for a slow restart keeps its
// deadline; and a host that stops serving while calls are in flight must
// exit without destroying the plugin under them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "fascia/plugin/v1/plugin.pb.h"
#include "plugins/frame.h"
#include "plugins/isolated_plugin.h"
#include "plugins/plugin.h"
#include "plugins/process_launcher.h"
#include "test_support.h"

namespace fascia::plugins {
namespace {

using namespace testing;  // NOLINT: test helpers

// How many of the next hosts to load KillFreshHost kills.
std::atomic<int> g_hosts_to_kill{0};

// The connected hook: kills the host and waits until its reader thread has
// reaped it, so the reader has made up its mind before fasciad goes on.
void KillFreshHost(pid_t pid) {
  if (g_hosts_to_kill.fetch_sub(1) <= 0) return;
  kill(pid, SIGKILL);
  const absl::Time end = absl::Now() + absl::Seconds(10);
  while (!(kill(pid, 0) != 0 && errno == ESRCH) && absl::Now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

class HostDiesOnConnectTest : public ::testing::Test {
 protected:
  void SetUp() override { IsolatedPlugin::SetConnectedHookForTesting(&KillFreshHost); }
  void TearDown() override {
    IsolatedPlugin::SetConnectedHookForTesting(nullptr);
    g_hosts_to_kill = 0;
  }
};

TEST_F(HostDiesOnConnectTest, AtStartTheDeadHostIsNotHealthyAndIsRestarted) {
  g_hosts_to_kill = 1;
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec(FPH_GOOD, Mode::kIsolated));
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_FALSE((*p)->healthy());
  EXPECT_EQ(dynamic_cast<IsolatedPlugin&>(**p).host_pid(), -1);
  absl::StatusOr<pb::ScreenResponse> r =
      RetryWhileUnavailable([&] { return (*p)->Screen(ScreenFor("testmod", true, 7)); });
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Echo(*r), "7");
  EXPECT_EQ((*p)->restarts(), 1);
  EXPECT_TRUE((*p)->healthy());
  EXPECT_FALSE(HasZombieChild());
}

TEST_F(HostDiesOnConnectTest, OnRestartTheDeadHostIsRetiredAndRestartedAgain) {
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(Spec(FPH_GOOD, Mode::kIsolated));
  ASSERT_TRUE(p.ok()) << p.status();
  const pid_t first = dynamic_cast<IsolatedPlugin&>(**p).host_pid();
  ASSERT_GT(first, 0);
  g_hosts_to_kill = 1;
  ASSERT_EQ(kill(first, SIGKILL), 0);
  const absl::Time end = absl::Now() + absl::Seconds(5);
  while ((*p)->healthy() && absl::Now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_FALSE((*p)->healthy());
  // The first restart dies at once; the one after it must still happen.
  absl::StatusOr<pb::ScreenResponse> r =
      RetryWhileUnavailable([&] { return (*p)->Screen(ScreenFor("testmod", true, 8)); });
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Echo(*r), "8");
  EXPECT_EQ((*p)->restarts(), 2);
  EXPECT_TRUE((*p)->healthy());
  EXPECT_FALSE(HasZombieChild());
}

// A restart waits for the host to load (up to the start timeout, at least
// 5 s), but a call waits for it no longer than its own deadline.
TEST(SlowRestartTest, ACallWaitingForARestartKeepsItsDeadline) {
  absl::StatusOr<std::unique_ptr<Plugin>> p = LoadPlugin(
      Spec(FPH_GOOD, Mode::kIsolated, {{"create_sleep_ms", "1500"}}, absl::Milliseconds(300)));
  ASSERT_TRUE(p.ok()) << p.status();
  const pid_t first = dynamic_cast<IsolatedPlugin&>(**p).host_pid();
  ASSERT_GT(first, 0);
  ASSERT_EQ(kill(first, SIGKILL), 0);
  const absl::Time end = absl::Now() + absl::Seconds(5);
  while ((*p)->healthy() && absl::Now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_FALSE((*p)->healthy());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the first backoff, 50 ms

  const absl::Time start = absl::Now();
  absl::StatusOr<pb::ScreenResponse> r = (*p)->Screen(ScreenFor("testmod", true, 9));
  EXPECT_THAT(r.status(), StatusIs(absl::StatusCode::kDeadlineExceeded, "restarting"));
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(1200));  // not the 1.5 s load

  // The restart carries on without the caller, and then serves.
  const absl::Time ready_by = absl::Now() + absl::Seconds(10);
  do {
    r = (*p)->Screen(ScreenFor("testmod", true, 9));
  } while (!r.ok() && absl::Now() < ready_by);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Echo(*r), "9");
  EXPECT_EQ((*p)->restarts(), 1);
}

// Drives fascia-plugin-host directly: loads the test plugin (whose destroy()
// aborts if a Screen is still running), starts a Screen that sleeps for a
// minute, waits until it runs, lets `stop` end the serving loop, and returns
// the host's wait status.
template <typename Stop>
int HostExitWithACallInFlight(Stop stop) {
  char dir[] = "/tmp/fph_lifetime_XXXXXX";
  EXPECT_NE(mkdtemp(dir), nullptr);
  const std::string started = std::string(dir) + "/started";
  ProcessLauncher launcher;
  absl::StatusOr<HostProcess> host = launcher.Spawn(FPH_HOST_EXECUTABLE, FPH_GOOD);
  EXPECT_TRUE(host.ok()) << host.status();
  if (!host.ok()) return -1;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);

  pb::PluginConfig config;
  (*config.mutable_settings())["sleep_ms"] = "60000";
  (*config.mutable_settings())["screen_started_path"] = started;
  (*config.mutable_settings())["abort_on_unsafe_destroy"] = "true";
  Frame load;
  load.type = FrameType::kLoad;
  load.body = config.SerializeAsString();
  EXPECT_TRUE(WriteFrame(host->fd, load, deadline).ok());
  absl::StatusOr<Frame> loaded = ReadFrame(host->fd, deadline);
  EXPECT_TRUE(loaded.ok() && loaded->type == FrameType::kLoadOk) << loaded.status();

  Frame call;
  call.type = FrameType::kCall;
  call.aux = FASCIA_METHOD_SCREEN;
  call.call_id = 1;
  call.body = ScreenFor("testmod", false, 1).SerializeAsString();
  EXPECT_TRUE(WriteFrame(host->fd, call, deadline).ok());
  while (access(started.c_str(), F_OK) != 0 && absl::Now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(access(started.c_str(), F_OK), 0) << "the Screen call never started";

  stop(host->fd);
  int status = 0;
  EXPECT_EQ(waitpid(host->pid, &status, 0), host->pid);
  close(host->fd);
  unlink(started.c_str());
  rmdir(dir);
  return status;
}

TEST(HostExitTest, ASocketClosedWithACallInFlightExitsWithoutDestroyingThePlugin) {
  const int status = HostExitWithACallInFlight([](int fd) { shutdown(fd, SHUT_WR); });
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << DescribeWaitStatus(status);
}

TEST(HostExitTest, AnUnexpectedFrameWithACallInFlightExitsWithoutDestroyingThePlugin) {
  const int status = HostExitWithACallInFlight([](int fd) {
    Frame bogus;
    bogus.type = FrameType::kLoad;
    EXPECT_TRUE(WriteFrame(fd, bogus, absl::Now() + absl::Seconds(10)).ok());
  });
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << DescribeWaitStatus(status);
}

}  // namespace
}  // namespace fascia::plugins
