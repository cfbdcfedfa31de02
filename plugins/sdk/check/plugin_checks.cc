// The per-plugin conformance checks; see plugin_checks.h.
#include "plugin_checks.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "fascia/plugin_forms.h"
#include "fascia_plugin.h"

namespace fascia::plugin_check {
namespace {

namespace pb = ::fascia::plugin::v1;
namespace sdk = ::fascia::plugin_sdk;

std::string Name(const char* check, const std::string& label) {
  return absl::StrCat(check, "[", label, "]");
}

// The q-quantile (0..1) of `samples`, nearest-rank.
absl::Duration Quantile(std::vector<absl::Duration> samples, double q) {
  std::sort(samples.begin(), samples.end());
  size_t rank = static_cast<size_t>(q * static_cast<double>(samples.size()) + 0.999999);
  rank = std::clamp<size_t>(rank, 1, samples.size());
  return samples[rank - 1];
}

std::string Ms(absl::Duration d) {
  return absl::StrFormat("%.3f ms", absl::ToDoubleMilliseconds(d));
}

// Times `calls` sequential runs of `call`; the first failure ends the run.
absl::StatusOr<std::vector<absl::Duration>> Time(int calls,
                                                 const std::function<absl::Status()>& call) {
  std::vector<absl::Duration> samples;
  samples.reserve(calls);
  for (int i = 0; i < calls; ++i) {
    const absl::Time start = absl::Now();
    absl::Status status = call();
    samples.push_back(absl::Now() - start);
    if (!status.ok()) return status;
  }
  return samples;
}

}  // namespace

CheckResult CheckDescriptor(plugins::Plugin& plugin, const std::string& label) {
  const std::string name = Name("descriptor", label);
  std::vector<pb::FieldError> errors =
      sdk::ValidateDescriptor(plugin.descriptor(), plugin.info().plugin_id, plugin.info().version);
  if (!errors.empty()) {
    std::vector<std::string> parts;
    for (const auto& e : errors) parts.push_back(absl::StrCat(e.field(), ": ", e.description()));
    return Fail(name, absl::StrCat("ValidateDescriptor: ", absl::StrJoin(parts, "; ")));
  }
  absl::StatusOr<std::string> first = plugin.Invoke(FASCIA_METHOD_DESCRIBE, "");
  absl::StatusOr<std::string> second = plugin.Invoke(FASCIA_METHOD_DESCRIBE, "");
  if (!first.ok()) return Fail(name, absl::StrCat("DESCRIBE failed: ", first.status().ToString()));
  if (!second.ok())
    return Fail(name, absl::StrCat("DESCRIBE failed: ", second.status().ToString()));
  if (*first != *second) return Fail(name, "two DESCRIBE calls returned different bytes");
  int items = 0;
  for (const auto& f : plugin.descriptor().forms()) items += f.items_size();
  return Pass(
      name, absl::StrCat(plugin.descriptor().modalities_size(), " modalities, ",
                         plugin.descriptor().forms_size(), " forms, ", items, " top-level items, ",
                         plugin.descriptor().rules_size(), " rules; stable"));
}

CheckResult CheckStress(plugins::Plugin& plugin, const std::vector<std::string>& screen_requests,
                        int threads, int calls, const std::string& label) {
  const std::string name = Name("stress", label);
  // What each input must give: one sequential call each.
  std::vector<std::string> expected;
  for (const auto& request : screen_requests) {
    absl::StatusOr<std::string> response = plugin.Invoke(FASCIA_METHOD_SCREEN, request);
    if (!response.ok()) {
      return Fail(name, absl::StrCat("sequential Screen failed: ", response.status().ToString()));
    }
    expected.push_back(std::move(*response));
  }

  std::atomic<int> failed{0};
  std::atomic<int> differed{0};
  absl::Mutex mu;
  std::string first_problem;  // GUARDED_BY(mu)
  const size_t n = screen_requests.size();
  const absl::Time start = absl::Now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < calls; ++i) {
        const size_t input = (static_cast<size_t>(t) + static_cast<size_t>(i)) % n;
        absl::StatusOr<std::string> got =
            plugin.Invoke(FASCIA_METHOD_SCREEN, screen_requests[input]);
        std::string problem;
        if (!got.ok()) {
          failed.fetch_add(1);
          problem = absl::StrCat("input #", input + 1, ": ", got.status().ToString());
        } else if (*got != expected[input]) {
          differed.fetch_add(1);
          problem = absl::StrCat("input #", input + 1, ": result differs from the sequential call");
        }
        if (!problem.empty()) {
          absl::MutexLock lock(&mu);
          if (first_problem.empty()) first_problem = problem;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  const absl::Duration elapsed = absl::Now() - start;
  const int total = threads * calls;
  if (failed.load() > 0 || differed.load() > 0) {
    absl::MutexLock lock(&mu);
    return Fail(name, absl::StrCat(failed.load(), " of ", total, " calls failed, ", differed.load(),
                                   " gave a different result; first: ", first_problem));
  }
  return Pass(name, absl::StrFormat(
                        "%d threads x %d calls over %d inputs, %.0f calls/s%s", threads, calls,
                        static_cast<int>(n), total / std::max(1e-9, absl::ToDoubleSeconds(elapsed)),
                        plugin.info().concurrent ? "" : " (serialized: not CONCURRENT)"));
}

CheckResult CheckLatency(plugins::Plugin& plugin, const std::string& screen_request, int calls,
                         absl::Duration call_timeout, const std::string& label) {
  const std::string name = Name("latency", label);
  auto health = Time(calls, [&] { return plugin.Invoke(FASCIA_METHOD_HEALTH, "").status(); });
  if (!health.ok()) return Fail(name, absl::StrCat("Health failed: ", health.status().ToString()));
  auto screen =
      Time(calls, [&] { return plugin.Invoke(FASCIA_METHOD_SCREEN, screen_request).status(); });
  if (!screen.ok()) return Fail(name, absl::StrCat("Screen failed: ", screen.status().ToString()));

  const absl::Duration limit = call_timeout / 4;
  const absl::Duration health_p99 = Quantile(*health, 0.99);
  const absl::Duration screen_p99 = Quantile(*screen, 0.99);
  const std::string detail =
      absl::StrCat("Health p50 ", Ms(Quantile(*health, 0.5)), " p99 ", Ms(health_p99),
                   "; Screen p50 ", Ms(Quantile(*screen, 0.5)), " p99 ", Ms(screen_p99), "; limit ",
                   Ms(limit), " (timeout/4), ", calls, " calls each");
  if (health_p99 >= limit || screen_p99 >= limit) return Fail(name, detail);
  return Pass(name, detail);
}

std::vector<CheckResult> CheckBadRequests(plugins::Plugin& plugin, const std::string& label) {
  std::vector<CheckResult> results;
  const int restarts_before = plugin.restarts();

  const std::string unknown = Name("unknown-method", label);
  std::vector<std::string> problems;
  for (uint32_t method : {0u, 99u, 0xFFFFFFFFu}) {
    absl::StatusOr<std::string> r = plugin.Invoke(method, "");
    if (r.ok()) {
      problems.push_back(absl::StrCat("method ", method, " answered OK"));
    } else if (r.status().code() != absl::StatusCode::kUnimplemented) {
      problems.push_back(absl::StrCat("method ", method, ": ", r.status().ToString()));
    }
  }
  results.push_back(problems.empty() ? Pass(unknown, "UNIMPLEMENTED for ids 0, 99, 2^32-1")
                                     : Fail(unknown, absl::StrJoin(problems, "; ")));

  const std::string garbage = Name("garbage-request", label);
  problems.clear();
  // Each fails to decode as any message: field number 0; a truncated
  // length-delimited field; a varint longer than 10 bytes.
  const std::vector<std::string> inputs = {
      std::string("\x07", 1), std::string("\x0a\x05\x61\x62", 4), std::string(12, '\xff')};
  for (uint32_t method : {static_cast<uint32_t>(FASCIA_METHOD_SCREEN),
                          static_cast<uint32_t>(FASCIA_METHOD_VALIDATE_INTAKE)}) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      absl::StatusOr<std::string> r = plugin.Invoke(method, inputs[i]);
      if (r.ok()) {
        problems.push_back(absl::StrCat("method ", method, " garbage #", i + 1, " answered OK"));
      } else if (r.status().code() != absl::StatusCode::kInvalidArgument) {
        problems.push_back(
            absl::StrCat("method ", method, " garbage #", i + 1, ": ", r.status().ToString()));
      }
    }
  }
  absl::StatusOr<pb::HealthResponse> health = plugin.Health();
  if (!health.ok()) {
    problems.push_back(absl::StrCat("Health afterwards: ", health.status().ToString()));
  } else if (!health->serving()) {
    problems.push_back("Health afterwards: not serving");
  }
  if (plugin.restarts() != restarts_before) problems.push_back("the plugin host restarted");
  results.push_back(problems.empty() ? Pass(garbage, "INVALID_ARGUMENT, still healthy")
                                     : Fail(garbage, absl::StrJoin(problems, "; ")));
  return results;
}

}  // namespace fascia::plugin_check
