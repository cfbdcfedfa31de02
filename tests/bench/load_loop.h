// The benchmark's generic measuring loops, independent of which RPC is
// measured, so the no-op ceiling and the real RPCs are driven identically and
// their ratio compares only the server-side work.
//
//   RunClosedLoop: keeps exactly `in_flight` calls outstanding (a closed loop:
//   each completion starts the next call) for a warm-up and then a measured
//   window; throughput counts successful calls that COMPLETE inside the window.
//   RunSequential: one call at a time, returns every call's latency.
//
//   auto result = RunClosedLoop(64, absl::Seconds(1), absl::Seconds(5),
//       [&](int64_t k, DoneFn done) { StartMyCallback(k, std::move(done)); });
//   printf("%.0f calls/s, %lld errors\n", result.rate(), result.errors);
//
// Contract for a StartFn: start call number k (k = 0, 1, 2, ... unique per
// run) without blocking, and invoke `done` exactly once with the final status,
// from any thread. The loop returns only after every started call completed.
// Thread-safety: each Run* call is self-contained; StartFn is called
// concurrently from gRPC's callback threads.
#ifndef FASCIA_TESTS_BENCH_LOAD_LOOP_H_
#define FASCIA_TESTS_BENCH_LOAD_LOOP_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"

namespace fascia::bench {

using DoneFn = std::function<void(const grpc::Status&)>;
using StartFn = std::function<void(int64_t k, DoneFn done)>;

struct LoopResult {
  int64_t completed = 0;      // successes that completed inside the window
  int64_t started = 0;        // every call started, warm-up included
  int64_t errors = 0;         // failures over the whole run, warm-up included
  std::string first_error;    // "CODE: message" of the first failure
  absl::Duration window;      // the measured window

  // 0 for a result of a loop that never ran (a skipped phase).
  double rate() const {
    return window > absl::ZeroDuration() ? completed / absl::ToDoubleSeconds(window) : 0;
  }
};

LoopResult RunClosedLoop(int in_flight, absl::Duration warmup, absl::Duration window,
                         const StartFn& start);

struct LatencyResult {
  std::vector<absl::Duration> latencies;  // sorted ascending, successes only
  int64_t errors = 0;
  std::string first_error;

  // Nearest-rank percentile, q in (0, 1]; zero when there are no samples.
  absl::Duration Percentile(double q) const;
};

// Calls `call` `iterations` times back to back, after `warmup_iterations`
// unmeasured ones (first calls pay for connection and cache warm-up).
LatencyResult RunSequential(int warmup_iterations, int iterations,
                            const std::function<grpc::Status()>& call);

// `count` channels to `target`, each on its own TCP connection: a distinct
// channel argument keeps gRPC from sharing one subchannel between them, so
// the load spreads over connections the way many clients' would.
std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(const std::string& target, int count);

std::string StatusText(const grpc::Status& status);

}  // namespace fascia::bench

#endif  // FASCIA_TESTS_BENCH_LOAD_LOOP_H_
