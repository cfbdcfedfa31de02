// limits.spare_threads, seen from outside the process: after a burst of
// concurrent calls, fasciad keeps that many idle threads ready for the next
// calls instead of ending them (gRPC's default keeps two, so under load it
// starts and ends a thread for nearly every call). Threads are counted in
// /proc/<pid>/task.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "absl/time/clock.h"

#include "e2e_chain.h"
#include "fasciad_process.h"
#include "rpc_util.h"

namespace fascia::e2e {
namespace {

int ThreadCount(pid_t pid) {
  int n = 0;
  for ([[maybe_unused]] const auto& task :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
    ++n;
  }
  return n;
}

// `callers` threads each create `calls` clients, all at once. Creates wait
// for the database's one writer, so many calls are in the server together.
void Burst(Fasciad& server, int callers, int calls) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  std::atomic<int> connected{0};
  std::mutex first_failure_mu;
  std::string first_failure;
  for (int t = 0; t < callers; ++t) {
    threads.emplace_back([&, t] {
      ChainApi api(server.NewChannel());
      // Connected first: this test is about threads during a burst, and a
      // call on a channel whose first connection attempt failed would fail
      // at once instead of waiting for the reconnect.
      if (!api.channel->WaitForConnected(absl::ToChronoTime(absl::Now() + kRpcTimeout))) {
        failures.fetch_add(calls);
      }
      // All callers start together, so the burst reaches the server at once
      // even on a loaded machine (where callers started one by one could
      // finish before the last one arrives).
      connected.fetch_add(1);
      while (connected.load() < callers) std::this_thread::yield();
      for (int i = 0; i < calls; ++i) {
        const std::string id = "c" + std::to_string(t) + "x" + std::to_string(i);
        grpc::Status status = CreateClient(api, id, "Burst", id);
        if (!status.ok() && failures.fetch_add(1) == 0) {
          std::lock_guard<std::mutex> lock(first_failure_mu);
          first_failure = std::to_string(status.error_code()) + ": " + status.error_message();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0) << "first: " << first_failure;
}

// How many threads fasciad has once a burst of 32 callers is over.
int ThreadsAfterBurst(const std::string& limits) {
  TempDir dir;
  std::ofstream(dir.path() + "/fasciad.textproto") << "limits { " << limits << " }\n";
  FasciadOptions options;
  options.work_dir = dir.path();
  options.args = {"--database=sqlite:" + dir.path() + "/fascia.db",
                  "--config=" + dir.path() + "/fasciad.textproto"};
  Fasciad server(options);
  EXPECT_TRUE(server.Bootstrap("acme"));
  EXPECT_TRUE(server.StartServing());
  const pid_t pid = server.process().pid();
  Burst(server, 32, 20);
  // Threads beyond the spare ones end as their calls finish.
  absl::SleepFor(absl::Milliseconds(300));
  const int threads = ThreadCount(pid);
  EXPECT_TRUE(server.Stop().has_value());
  return threads;
}

TEST(ThreadPoolTest, SpareThreadsStayReadyAfterABurst) {
  const int few = ThreadsAfterBurst("spare_threads: 2");
  const int many = ThreadsAfterBurst("spare_threads: 24");
  // Up to 22 more idle threads; some callers may have finished before others
  // arrived, so fewer than 24 threads may ever have been busy at once.
  EXPECT_GE(many - few, 12) << "spare_threads 2: " << few << " threads, 24: " << many;
}

}  // namespace
}  // namespace fascia::e2e
