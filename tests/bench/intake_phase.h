// The benchmark's SubmitIntake phase: throughput of intake-with-screening
// through the reference prenatal plugin, loaded once IN_PROCESS and once
// ISOLATED (a fascia-plugin-host process), so the cost of isolation shows as
// one ratio. One fasciad cannot load the same plugin twice, so the phase
// restarts the server under test for each mode (same database, so the
// chain built earlier is still there) through a caller-supplied RestartFn.
//
//   IntakeOptions o{...};
//   absl::StatusOr<IntakeResult> r = RunIntakePhases(chain, o, [&](const std::string& config) {
//     return RestartFasciad(config);  // -> the new "host:port"
//   });
//   r->in_process.rate(), r->isolated.rate()
//
// Every call k screens booking client k % 100 (a fully valid prenatal answer
// set: general section all "no", 24 weeks pregnant, no warning signs) for a
// visit at the booking location; each stores a new screening row under that
// client, so concurrent calls never conflict. A call counts as an error
// unless the RPC succeeds AND the outcome is CAUTION, the one those answers
// give: a plugin that failed (SCREENING_UNAVAILABLE, which the RPC still
// returns as OK) must not be counted as fast screening.
//
// Thread-safety: RunIntakePhases is called from one thread; it drives the
// calls from gRPC's callback threads.
#ifndef FASCIA_TESTS_BENCH_INTAKE_PHASE_H_
#define FASCIA_TESTS_BENCH_INTAKE_PHASE_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "chain_setup.h"
#include "fascia/v1/intake.pb.h"
#include "load_loop.h"

namespace fascia::bench {

struct IntakeOptions {
  std::string plugin_path;    // fascia_prenatal.so
  std::string base_config;    // the user's --fasciad_config, copied into each config; or ""
  std::string config_dir;     // where the generated config files are written
  std::string authorization;  // "Bearer <OWNER key>"
  int in_flight = 64;
  int channels = 8;
  absl::Duration warmup, window;
  std::function<void(const std::string&)> progress;  // phase starts, for a profiler
};

struct IntakeModeResult {
  LoopResult loop;
  std::string outcome;   // of the unmeasured probe call, e.g. "CAUTION"
  int findings = 0;      // in the probe's screening
  size_t response_bytes = 0;
};

struct IntakeResult {
  IntakeModeResult in_process, isolated;
};

// Restarts the server under test with `config_path` as its --config and
// returns its new target once it serves, or why it could not.
using RestartFn = std::function<absl::StatusOr<std::string>(const std::string& config_path)>;

// In-process, then isolated. Fails (with what went wrong) if a restart or
// a mode's first, unmeasured call fails; errors during the measured loop are
// counted in the results instead.
absl::StatusOr<IntakeResult> RunIntakePhases(const Chain& chain, const IntakeOptions& options,
                                             const RestartFn& restart);

// Call k's request (exposed for tests of the bench itself).
fascia::v1::SubmitIntakeRequest IntakeRequest(const Chain& chain, int64_t k);

}  // namespace fascia::bench

#endif  // FASCIA_TESTS_BENCH_INTAKE_PHASE_H_
