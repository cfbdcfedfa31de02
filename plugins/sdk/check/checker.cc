// The order and wiring of fascia-plugin-check's checks; see checker.h.
#include "checker.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "abi_probe.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "elf_exports.h"
#include "golden.h"
#include "host_flow.h"
#include "plugin_checks.h"

namespace fascia::plugin_check {
namespace {

constexpr char kEntry[] = "fascia_plugin_entry";

CheckResult CheckExports(const std::string& path) {
  absl::StatusOr<std::vector<ElfExport>> exports = ReadElfExports(path);
  if (!exports.ok()) return Fail("exports", std::string(exports.status().message()));
  bool entry = false;
  std::vector<std::string> extra;
  for (const auto& e : *exports) {
    if (e.name == kEntry && e.function) {
      entry = true;
    } else {
      extra.push_back(e.name);
    }
  }
  if (!entry) return Fail("exports", absl::StrCat("no exported function ", kEntry));
  if (!extra.empty()) {
    const size_t shown = std::min<size_t>(extra.size(), 10);
    return Fail("exports", absl::StrCat(extra.size(), " exports besides ", kEntry, ": ",
                                        absl::StrJoin(extra.begin(), extra.begin() + shown, ", "),
                                        extra.size() > shown ? ", ..." : "",
                                        " (build with fascia_add_plugin: hidden visibility and "
                                        "the SDK's version script)"));
  }
  return Pass("exports", absl::StrCat("only ", kEntry));
}

// The golden cases, or nullopt when there are none (reported either way).
std::optional<pt::GoldenCases> LoadGoldens(const CheckerOptions& options, const Reporter& report,
                                           bool* ok) {
  const std::string path =
      options.golden_path.empty() ? FindGoldenBeside(options.plugin_path) : options.golden_path;
  if (path.empty()) {
    report(Pass("golden", "none: no --golden and no golden.textproto beside the plugin"));
    return std::nullopt;
  }
  absl::StatusOr<pt::GoldenCases> cases = ReadGoldenFile(path);
  if (!cases.ok()) {
    *ok = false;
    report(Fail("golden", std::string(cases.status().message())));
    return std::nullopt;
  }
  std::vector<std::string> problems = CaseNameProblems(*cases);
  if (!problems.empty()) {
    *ok = false;
    report(Fail("golden", absl::StrJoin(problems, "; ")));
  } else if (cases->cases().empty()) {
    report(Pass("golden", absl::StrCat("none: ", path, " holds no cases")));
  } else {
    report(Pass("golden", absl::StrCat(cases->cases_size(), " cases in ", path)));
  }
  return std::move(*cases);
}

// Serialized Screen requests for stress and latency (see checker.h).
std::vector<std::string> StressInputs(const pb::Descriptor& descriptor,
                                      const std::optional<pt::GoldenCases>& goldens) {
  std::vector<std::string> inputs;
  if (goldens) {
    for (const auto& c : goldens->cases()) {
      if (!c.settings().empty() || !c.expect_invalid().empty()) continue;
      absl::StatusOr<IntakeInput> input = ToIntakeInput(c);
      if (!input.ok()) continue;
      absl::StatusOr<ModalityForm> target = FindModalityForm(descriptor, input->modality);
      if (!target.ok()) continue;
      absl::StatusOr<pb::ScreenRequest> request = MakeScreenRequest(descriptor, *target, *input);
      if (request.ok()) inputs.push_back(request->SerializeAsString());
    }
  }
  if (inputs.empty()) {
    absl::StatusOr<ModalityForm> target = FindModalityForm(descriptor, "");
    if (target.ok()) {
      absl::StatusOr<pb::ScreenRequest> request = MakeScreenRequest(descriptor, *target, {});
      if (request.ok()) inputs.push_back(request->SerializeAsString());
    }
  }
  return inputs;
}

}  // namespace

std::string ModeName(plugins::Mode mode) {
  return mode == plugins::Mode::kInProcess ? "in-process" : "isolated";
}

bool RunChecks(const CheckerOptions& options, const Reporter& report) {
  bool ok = true;
  auto emit = [&](const CheckResult& r) {
    ok = ok && r.passed;
    report(r);
  };

  emit(CheckExports(options.plugin_path));
  for (const auto& r :
       ProbeAbi(options.plugin_path, std::max(absl::Seconds(10), options.call_timeout))) {
    emit(r);
  }
  const std::optional<pt::GoldenCases> goldens = LoadGoldens(options, report, &ok);

  std::optional<std::string> first_descriptor;
  bool descriptors_agree = true;
  for (plugins::Mode mode : options.modes) {
    const std::string label = ModeName(mode);
    plugins::PluginSpec spec;
    spec.path = options.plugin_path;
    spec.mode = mode;
    spec.call_timeout = options.call_timeout;
    spec.host_executable = options.host_executable;
    absl::StatusOr<std::unique_ptr<plugins::Plugin>> loaded = plugins::LoadPlugin(spec);
    if (!loaded.ok()) {
      emit(Fail(absl::StrCat("load[", label, "]"), loaded.status().ToString()));
      continue;
    }
    plugins::Plugin& plugin = **loaded;
    const plugins::PluginInfo& info = plugin.info();
    emit(Pass(absl::StrCat("load[", label, "]"),
              absl::StrCat(info.plugin_id, " ", info.version, ", ABI ", info.abi_major, ".",
                           info.abi_minor, info.concurrent ? ", CONCURRENT" : ", serialized")));

    emit(CheckDescriptor(plugin, label));
    const std::string described = plugin.descriptor().SerializeAsString();
    if (!first_descriptor) {
      first_descriptor = described;
    } else if (*first_descriptor != described) {
      descriptors_agree = false;
    }

    if (goldens) {
      GoldenRunner runner(options.plugin_path,
                          {mode, options.host_executable, options.call_timeout});
      for (const CaseResult& r : runner.RunAll(*goldens)) {
        emit({absl::StrCat("golden[", label, "] ", r.name), r.passed, r.message});
      }
    }

    const std::vector<std::string> inputs = StressInputs(plugin.descriptor(), goldens);
    if (inputs.empty()) {
      emit(Fail(absl::StrCat("stress[", label, "]"), "no Screen request could be built"));
    } else {
      emit(CheckStress(plugin, inputs, options.threads, options.calls, label));
      emit(CheckLatency(plugin, inputs.front(), options.calls, options.call_timeout, label));
    }
    for (const auto& r : CheckBadRequests(plugin, label)) emit(r);
  }
  if (options.modes.size() > 1 && first_descriptor) {
    emit(descriptors_agree
             ? Pass("descriptor[modes-agree]", "byte-identical")
             : Fail("descriptor[modes-agree]", "the modes describe the plugin differently"));
  }
  return ok;
}

}  // namespace fascia::plugin_check
