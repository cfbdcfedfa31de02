// See in_process_plugin.h. One Call object per invocation is shared by the
// caller and the worker; its state decides who owns the outcome:
//   kQueued  -> kRunning (worker took it)   -> kDone (caller reads result)
//   kQueued  -> kDropped (caller gave up first; the worker skips it)
//   kRunning -> kAbandoned (caller gave up; the worker is now "stuck" until
//               the plugin returns, and then discards the result)
#include "plugins/in_process_plugin.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "plugins/abi_call.h"
#include "plugins/loader.h"
#include "plugins/open_with_deadline.h"
#include "plugins/worker_pool.h"

namespace fascia::plugins {

struct InProcessPlugin::Core {
  std::unique_ptr<LoadedLibrary> library;
  std::string who;  // "plugin <id>", for messages
  int workers = 1;
  std::atomic<int> stuck{0};  // workers inside a call whose caller gave up
};

namespace {

// Queued calls beyond this fail UNAVAILABLE: a burst larger than this would
// miss its deadlines anyway.
constexpr size_t kMaxQueue = 4096;

struct Call {
  enum State { kQueued, kRunning, kDone, kDropped, kAbandoned };
  uint32_t method = 0;
  std::string request;  // a copy: an abandoned call may outlive the caller's
  std::mutex mu;
  std::condition_variable cv;
  State state = kQueued;
  RawResult result;
};

void RunCall(const std::shared_ptr<InProcessPlugin::Core>& core, Call& call) {
  {
    std::lock_guard<std::mutex> lock(call.mu);
    if (call.state == Call::kDropped) return;
    call.state = Call::kRunning;
  }
  RawResult result =
      RawCall(core->library->table(), core->library->instance(), call.method, call.request);
  {
    std::lock_guard<std::mutex> lock(call.mu);
    if (call.state == Call::kAbandoned) {
      core->stuck.fetch_sub(1);
      return;
    }
    call.result = std::move(result);
    call.state = Call::kDone;
  }
  call.cv.notify_one();
}

}  // namespace

absl::StatusOr<std::unique_ptr<InProcessPlugin>> InProcessPlugin::Load(const PluginSpec& spec) {
  absl::StatusOr<std::unique_ptr<LoadedLibrary>> lib =
      OpenWithDeadline(spec.path, spec.settings, StartTimeout(spec));
  if (!lib.ok()) return lib.status();
  std::unique_ptr<InProcessPlugin> plugin(new InProcessPlugin());
  plugin->info_ = (*lib)->info();
  plugin->info_.mode = Mode::kInProcess;
  plugin->timeout_ = spec.call_timeout;
  plugin->core_ = std::make_shared<Core>();
  plugin->core_->library = std::move(*lib);
  plugin->core_->who = absl::StrCat("plugin ", plugin->info_.plugin_id);
  plugin->core_->workers = plugin->info_.concurrent ? ConcurrentPoolSize() : 1;
  plugin->pool_ = std::make_unique<WorkerPool>(plugin->core_->workers, kMaxQueue);
  return plugin;
}

InProcessPlugin::~InProcessPlugin() {
  if (pool_ == nullptr) return;
  // No caller is waiting (REQUIRES of any destructor), so a worker that does
  // not exit promptly is inside a call that will not return.
  const int detached = pool_->Shutdown(absl::Milliseconds(200));
  if (detached > 0) {
    core_->library->Leak();
    Log(LogLevel::kWarning, "plugin_leaked",
        {{"plugin", info_.plugin_id}, {"reason", "calls still running at unload"}},
        {{"threads", detached}});
  }
}

const pb::Descriptor& InProcessPlugin::descriptor() const { return core_->library->descriptor(); }

bool InProcessPlugin::healthy() const { return core_->stuck.load() == 0; }

absl::StatusOr<std::string> InProcessPlugin::Invoke(uint32_t method, const std::string& request) {
  RETURN_IF_ERROR(CheckRequestSize(request, core_->who));
  if (core_->stuck.load() >= core_->workers) {
    return absl::UnavailableError(
        absl::StrCat(core_->who, ": every worker is stuck in a call past its deadline"));
  }
  const auto deadline = std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(timeout_);
  auto call = std::make_shared<Call>();
  call->method = method;
  call->request = request;
  if (!pool_->Submit([core = core_, call] { RunCall(core, *call); })) {
    return absl::UnavailableError(absl::StrCat(core_->who, ": too many calls queued"));
  }
  std::unique_lock<std::mutex> lock(call->mu);
  if (!call->cv.wait_until(lock, deadline, [&] { return call->state == Call::kDone; })) {
    if (call->state == Call::kRunning) {
      call->state = Call::kAbandoned;
      core_->stuck.fetch_add(1);
    } else {
      call->state = Call::kDropped;
    }
    lock.unlock();
    Log(LogLevel::kWarning, "plugin_deadline_exceeded",
        {{"plugin", info_.plugin_id}, {"method", MethodName(method)}, {"mode", "in_process"}},
        {{"timeout_ms", absl::ToInt64Milliseconds(timeout_)}});
    return absl::DeadlineExceededError(absl::StrCat(core_->who, ": no ", MethodName(method),
                                                    " answer within ",
                                                    absl::FormatDuration(timeout_)));
  }
  RawResult result = std::move(call->result);
  lock.unlock();
  return InterpretResult(std::move(result), core_->who);
}

}  // namespace fascia::plugins
