// Shared helpers for the plugin-host tests: specs for the test plugins in
// testdata/ (paths come from CMake as FPH_* definitions), requests for
// their form, and status matchers.
#ifndef FASCIA_TESTS_PLUGIN_HOST_TEST_SUPPORT_H_
#define FASCIA_TESTS_PLUGIN_HOST_TEST_SUPPORT_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <map>
#include <ostream>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "plugins/plugin.h"

namespace fascia::plugins {
// Names the mode in test listings (and CTest names) instead of raw bytes.
inline void PrintTo(Mode mode, std::ostream* os) {
  *os << (mode == Mode::kInProcess ? "in-process" : "isolated");
}
}  // namespace fascia::plugins

namespace fascia::plugins::testing {

inline PluginSpec Spec(const std::string& path, Mode mode,
                       std::map<std::string, std::string> settings = {},
                       absl::Duration timeout = absl::Seconds(5)) {
  PluginSpec spec;
  spec.path = path;
  spec.mode = mode;
  spec.settings = std::move(settings);
  spec.call_timeout = timeout;
  spec.host_executable = FPH_HOST_EXECUTABLE;
  return spec;
}

inline std::string ModeName(const ::testing::TestParamInfo<Mode>& info) {
  return info.param == Mode::kInProcess ? "InProcess" : "Isolated";
}

// A Screen request for test_plugin.cc's form.
inline pb::ScreenRequest ScreenFor(const std::string& modality, bool flag, int64_t n) {
  pb::ScreenRequest r;
  r.set_modality(modality);
  r.mutable_response()->set_form_id(modality + "-intake");
  pb::Answer* a = r.mutable_response()->add_answers();
  a->set_link_id("tm.flag");
  a->add_values()->set_boolean(flag);
  a = r.mutable_response()->add_answers();
  a->set_link_id("tm.n");
  a->add_values()->set_integer(n);
  return r;
}

inline bool HasRule(const pb::ScreenResponse& r, const std::string& rule) {
  for (const auto& f : r.findings()) {
    if (f.rule_id() == rule) return true;
  }
  return false;
}

inline std::string Echo(const pb::ScreenResponse& r) {
  for (const auto& f : r.findings()) {
    if (f.rule_id() == "TM-ECHO") return f.message();
  }
  return "";
}

MATCHER_P2(StatusIs, code, substring,
           std::string("status ") + absl::StatusCodeToString(code) + " containing \"" +
               std::string(substring) + "\"") {
  const absl::Status& s = arg;
  *result_listener << "status is " << s;
  return s.code() == code && s.message().find(substring) != absl::string_view::npos;
}

// Retries `call` while it fails UNAVAILABLE (restart backoff), up to `limit`.
template <typename F>
auto RetryWhileUnavailable(F call, absl::Duration limit = absl::Seconds(10)) {
  const absl::Time end = absl::Now() + limit;
  auto result = call();
  while (!result.ok() && absl::IsUnavailable(result.status()) && absl::Now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    result = call();
  }
  return result;
}

// True if this process has an exited child nobody reaped (a zombie).
inline bool HasZombieChild() {
  siginfo_t info = {};
  if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return false;  // no children
  return info.si_pid != 0;
}

}  // namespace fascia::plugins::testing

#endif  // FASCIA_TESTS_PLUGIN_HOST_TEST_SUPPORT_H_
