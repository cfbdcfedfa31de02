// See open_with_deadline.h. The caller and the loading thread share one
// Load. Whoever takes its mutex second learns the outcome: the thread, on
// finishing, hands the result over unless the caller has already abandoned
// the load, in which case the thread disposes of the result itself.
#include "plugins/open_with_deadline.h"

#include <stdlib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace fascia::plugins {
namespace {

struct Load {
  // Copies: a detached thread must not borrow from a caller that moved on.
  std::string path;
  std::string key;  // LoadKey(path)
  std::map<std::string, std::string> settings;

  std::mutex mu;
  std::condition_variable cv;
  bool done = false;       // GUARDED_BY(mu): result is set
  bool abandoned = false;  // GUARDED_BY(mu): the caller stopped waiting
  absl::StatusOr<std::unique_ptr<LoadedLibrary>> result;  // GUARDED_BY(mu)
};

// The paths whose abandoned load is still running. Created once and never
// destroyed: a detached loading thread may still reach it while fasciad
// exits and runs static destructors.
struct Abandoned {
  std::mutex mu;
  std::set<std::string> paths;  // GUARDED_BY(mu)
};

Abandoned& AbandonedLoads() {
  static Abandoned* abandoned = new Abandoned;
  return *abandoned;
}

// What an abandoned load is known by: the file itself, however the config
// names it ("x.so", "./x.so", an absolute path, a symlink), because dlopen
// hands every name of one file the same loaded instance.
std::string LoadKey(const std::string& path) {
  char* resolved = realpath(DlopenPath(path).c_str(), nullptr);
  if (resolved == nullptr) return path;  // dlopen will say what is wrong
  std::string key(resolved);
  free(resolved);
  return key;
}

void RunLoad(const std::shared_ptr<Load>& load) {
  absl::StatusOr<std::unique_ptr<LoadedLibrary>> result =
      LoadedLibrary::Open(load->path, load->settings);
  {
    std::lock_guard<std::mutex> lock(load->mu);
    if (!load->abandoned) {
      load->result = std::move(result);
      load->done = true;
      load->cv.notify_one();
      return;
    }
  }
  // Nobody will use this instance: destroy it (no call can be in flight on
  // it) before the path is free again, as create() and destroy() of one
  // plugin must not overlap.
  const bool loaded = result.ok();
  result = absl::CancelledError();
  Log(LogLevel::kWarning, "plugin_load_abandoned",
      {{"path", load->path},
       {"reason", loaded ? "loaded after its start timeout; stays refused until fasciad restarts"
                         : "failed after its start timeout"}});
  Abandoned& abandoned = AbandonedLoads();
  std::lock_guard<std::mutex> lock(abandoned.mu);
  abandoned.paths.erase(load->key);
}

}  // namespace

bool AnyLoadAbandoned() {
  Abandoned& abandoned = AbandonedLoads();
  std::lock_guard<std::mutex> lock(abandoned.mu);
  return !abandoned.paths.empty();
}

absl::StatusOr<std::unique_ptr<LoadedLibrary>> OpenWithDeadline(
    const std::string& path, const std::map<std::string, std::string>& settings,
    absl::Duration timeout) {
  {
    Abandoned& abandoned = AbandonedLoads();
    std::lock_guard<std::mutex> lock(abandoned.mu);
    if (abandoned.paths.count(LoadKey(path)) > 0) {
      return absl::UnavailableError(absl::StrCat(
          "plugin ", path, ": an earlier load of it is still running past its start timeout"));
    }
  }
  auto load = std::make_shared<Load>();
  load->path = path;
  load->key = LoadKey(path);
  load->settings = settings;
  std::thread thread(RunLoad, load);

  std::unique_lock<std::mutex> lock(load->mu);
  if (load->cv.wait_for(lock, absl::ToChronoNanoseconds(timeout), [&] { return load->done; })) {
    absl::StatusOr<std::unique_ptr<LoadedLibrary>> result = std::move(load->result);
    lock.unlock();
    thread.join();  // it has handed over its result and is only returning
    return result;
  }
  // Marked under load->mu, so the thread, which checks `abandoned` under the
  // same lock, erases the path only after it was inserted.
  load->abandoned = true;
  {
    Abandoned& abandoned = AbandonedLoads();
    std::lock_guard<std::mutex> busy(abandoned.mu);
    abandoned.paths.insert(load->key);
  }
  lock.unlock();
  // See the header: the thread cannot be stopped; it owns what it uses.
  thread.detach();
  return absl::DeadlineExceededError(absl::StrCat("plugin ", path,
                                                  ": did not finish loading within ",
                                                  absl::FormatDuration(timeout)));
}

}  // namespace fascia::plugins
