// Golden screening cases (proto/fascia/plugintest/v1/golden.proto): parse a
// text-format GoldenCases file and run each case through the production
// loader the way fasciad would screen it (host_flow.h).
//
//   absl::StatusOr<pt::GoldenCases> cases = ReadGoldenFile("golden.textproto");
//   GoldenRunner runner("prenatal.so", {plugins::Mode::kIsolated});
//   for (const CaseResult& r : runner.RunAll(*cases)) ...;
//
// A case passes when:
//   - expect_invalid is set: the plugin does not load with the case's
//     settings and its load error names every listed setting key, or the
//     answers are invalid and every listed link_id is among the field errors
//     (host ValidateResponse + plugin ValidateIntake). Nothing is screened,
//     so such a case must not also set expect_outcome/rules/modifications/
//     finding_outcomes/findings.
//   - otherwise: the plugin loads, the answers validate, Screen succeeds, and
//     OutcomeOf(findings) == expect_outcome, the SET of rule ids ==
//     expect_rules, the SET of ModificationText over all findings'
//     modifications == expect_modifications, and every rule listed in
//     expect_finding_outcomes or expect_findings fired, each of its findings
//     matching what the case pins (finding_expectations.h).
// The case is screened for a visit visit_after the screening (unset: at the
// screening; see host_flow.h).
// A failing case's message is a diff, one line per differing aspect:
//   outcome: expected CAUTION, got CONTRAINDICATED
//   rules: expected {PN-10, PN-2}, got {PN-10, PN-4}; missing {PN-2}; unexpected {PN-4}
//   finding SP-1 outcome: expected CAUTION, got CONTRAINDICATED
//   finding ML-11 required_qualifications: expected {clt}, got {}
// The case's name is CaseResult::name, which every caller prints with the
// message.
// Case names must be non-empty and unique within a file; a repeated name
// fails (the first case of that name still runs).
//
// Plugins are loaded lazily, one per distinct settings map, and reused for
// every case with the same settings. Not thread-safe: one runner per thread.
#ifndef FASCIA_PLUGIN_CHECK_GOLDEN_H_
#define FASCIA_PLUGIN_CHECK_GOLDEN_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "fascia/plugintest/v1/golden.pb.h"
#include "host_flow.h"
#include "plugins/plugin.h"

namespace fascia::plugin_check {

namespace pt = ::fascia::plugintest::v1;

absl::StatusOr<pt::GoldenCases> ParseGoldenText(const std::string& text);
// Parse errors name the file, line and column.
absl::StatusOr<pt::GoldenCases> ReadGoldenFile(const std::string& path);

// The golden file shipped beside a plugin: <dir>/<name>.golden.textproto for
// <dir>/<name>.so if it exists, else <dir>/golden.textproto if it exists,
// else "".
std::string FindGoldenBeside(const std::string& plugin_path);

// A case's inputs in the plugin protocol (the fascia.v1 mirrors re-parsed as
// fascia.plugin.v1, which share their field numbers).
absl::StatusOr<IntakeInput> ToIntakeInput(const pt::GoldenCase& golden_case);

// Why the case names of `cases` are not usable, one entry per problem (empty
// or repeated names); empty when they are.
std::vector<std::string> CaseNameProblems(const pt::GoldenCases& cases);

struct GoldenOptions {
  plugins::Mode mode = plugins::Mode::kInProcess;
  std::string host_executable;  // isolated mode; empty: the loader's default
  absl::Duration call_timeout = absl::Seconds(2);
};

struct CaseResult {
  std::string name;
  bool passed = false;
  std::string message;  // the diff or error when failed; empty when passed
};

class GoldenRunner {
 public:
  GoldenRunner(std::string plugin_path, GoldenOptions options);
  GoldenRunner(const GoldenRunner&) = delete;
  GoldenRunner& operator=(const GoldenRunner&) = delete;

  // Every case in order, plus name checks (see the file comment).
  std::vector<CaseResult> RunAll(const pt::GoldenCases& cases);
  // One case; does not check its name against others.
  CaseResult Run(const pt::GoldenCase& golden_case);

 private:
  using Settings = std::map<std::string, std::string>;
  // The plugin loaded with `settings`, loading it on first use.
  const absl::StatusOr<std::unique_ptr<plugins::Plugin>>& PluginFor(const Settings& settings);

  std::string plugin_path_;
  GoldenOptions options_;
  std::map<Settings, absl::StatusOr<std::unique_ptr<plugins::Plugin>>> plugins_;
};

}  // namespace fascia::plugin_check

#endif  // FASCIA_PLUGIN_CHECK_GOLDEN_H_
