// The measuring loops; see load_loop.h.
#include "load_loop.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>

#include "absl/strings/str_cat.h"

namespace fascia::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct LoopState {
  StartFn start;
  Clock::time_point measure_from;
  Clock::time_point measure_until;
  std::atomic<int64_t> next_k{0};
  std::atomic<int64_t> completed{0};
  std::atomic<int64_t> errors{0};
  std::mutex mu;
  std::condition_variable drained;
  int outstanding = 0;  // lanes still running; guarded by mu
  std::string first_error;  // guarded by mu
};

void Launch(const std::shared_ptr<LoopState>& state);

void OnDone(const std::shared_ptr<LoopState>& state, const grpc::Status& status) {
  const Clock::time_point now = Clock::now();
  if (status.ok()) {
    if (now >= state->measure_from && now < state->measure_until) state->completed++;
  } else if (state->errors++ == 0) {
    std::lock_guard<std::mutex> lock(state->mu);
    state->first_error = StatusText(status);
  }
  if (now < state->measure_until) {
    Launch(state);  // the lane stays busy: this is what keeps N in flight
    return;
  }
  std::lock_guard<std::mutex> lock(state->mu);
  if (--state->outstanding == 0) state->drained.notify_all();
}

// A call that completes synchronously (a start function that fails at once,
// such as the checkout pool running out) would otherwise recurse once per
// call until the stack overflows: such a relaunch is queued for the loop
// below on the same thread instead.
void Launch(const std::shared_ptr<LoopState>& state) {
  static thread_local int queued = -1;  // -1: not inside a start on this thread
  if (queued >= 0) {
    ++queued;
    return;
  }
  queued = 1;
  while (queued > 0) {
    --queued;
    const int64_t k = state->next_k++;
    state->start(k, [state](const grpc::Status& status) { OnDone(state, status); });
  }
  queued = -1;
}

}  // namespace

std::string StatusText(const grpc::Status& status) {
  return absl::StrCat(static_cast<int>(status.error_code()), ": ", status.error_message());
}

LoopResult RunClosedLoop(int in_flight, absl::Duration warmup, absl::Duration window,
                         const StartFn& start) {
  auto state = std::make_shared<LoopState>();
  state->start = start;
  state->measure_from = Clock::now() + absl::ToChronoNanoseconds(warmup);
  state->measure_until = state->measure_from + absl::ToChronoNanoseconds(window);
  state->outstanding = in_flight;
  for (int i = 0; i < in_flight; ++i) Launch(state);
  {
    std::unique_lock<std::mutex> lock(state->mu);
    state->drained.wait(lock, [&] { return state->outstanding == 0; });
  }
  LoopResult result;
  result.completed = state->completed.load();
  result.started = state->next_k.load();
  result.errors = state->errors.load();
  {
    std::lock_guard<std::mutex> lock(state->mu);
    result.first_error = state->first_error;
  }
  result.window = window;
  return result;
}

absl::Duration LatencyResult::Percentile(double q) const {
  if (latencies.empty()) return absl::ZeroDuration();
  size_t rank = static_cast<size_t>(std::ceil(q * latencies.size()));
  rank = std::clamp<size_t>(rank, 1, latencies.size());
  return latencies[rank - 1];
}

LatencyResult RunSequential(int warmup_iterations, int iterations,
                            const std::function<grpc::Status()>& call) {
  LatencyResult result;
  result.latencies.reserve(iterations);
  auto record_error = [&](const grpc::Status& status) {
    if (result.errors++ == 0) result.first_error = StatusText(status);
  };
  for (int i = 0; i < warmup_iterations; ++i) {
    grpc::Status status = call();
    if (!status.ok()) record_error(status);
  }
  for (int i = 0; i < iterations; ++i) {
    const Clock::time_point before = Clock::now();
    grpc::Status status = call();
    const Clock::time_point after = Clock::now();
    if (status.ok()) {
      result.latencies.push_back(absl::FromChrono(after - before));
    } else {
      record_error(status);
    }
  }
  std::sort(result.latencies.begin(), result.latencies.end());
  return result;
}

std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(const std::string& target, int count) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < count; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("fascia.bench.channel", i);
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channels.push_back(
        grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
  }
  return channels;
}

}  // namespace fascia::bench
