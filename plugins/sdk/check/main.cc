// fascia-plugin-check: the conformance checker a plugin author runs before a
// clinic loads their .so.
//
//   fascia-plugin-check PATH [--golden FILE] [--mode in-process|isolated|both]
//                       [--threads N] [--calls N] [--timeout-ms N] [--host PATH]
//
// Prints one line per check, "PASS <check>[: detail]" or "FAIL <check>: why"
// (checker.h lists them), and exits 0 only if every check passed; 1 if one
// failed; 2 for bad usage. Options also accept --name=value.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "checker.h"

namespace {

namespace check = ::fascia::plugin_check;
namespace plugins = ::fascia::plugins;

constexpr char kUsage[] =
    "usage: fascia-plugin-check PATH [--golden FILE] [--mode in-process|isolated|both]\n"
    "                           [--threads N] [--calls N] [--timeout-ms N] [--host PATH]\n";

int Usage(const std::string& problem) {
  std::fprintf(stderr, "fascia-plugin-check: %s\n%s", problem.c_str(), kUsage);
  return 2;
}

bool PositiveInt(const std::string& text, int max, int* out) {
  int value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < 1 || value > max) return false;
  *out = value;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  check::CheckerOptions options;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg.rfind("--", 0) != 0) {
      if (!options.plugin_path.empty()) return Usage("more than one PATH");
      options.plugin_path = arg;
      continue;
    }
    std::string value;
    const size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return Usage(arg + " needs a value");
    }
    int number = 0;
    if (arg == "--golden") {
      options.golden_path = value;
    } else if (arg == "--host") {
      options.host_executable = value;
    } else if (arg == "--mode") {
      if (value == "in-process") {
        options.modes = {plugins::Mode::kInProcess};
      } else if (value == "isolated") {
        options.modes = {plugins::Mode::kIsolated};
      } else if (value == "both") {
        options.modes = {plugins::Mode::kInProcess, plugins::Mode::kIsolated};
      } else {
        return Usage("--mode must be in-process, isolated or both");
      }
    } else if (arg == "--threads") {
      if (!PositiveInt(value, 1024, &number)) return Usage("--threads must be 1..1024");
      options.threads = number;
    } else if (arg == "--calls") {
      if (!PositiveInt(value, 1000000, &number)) return Usage("--calls must be 1..1000000");
      options.calls = number;
    } else if (arg == "--timeout-ms") {
      if (!PositiveInt(value, 3600000, &number)) return Usage("--timeout-ms must be 1..3600000");
      options.call_timeout = absl::Milliseconds(number);
    } else {
      return Usage("unknown option " + arg);
    }
  }
  if (options.plugin_path.empty()) return Usage("PATH is required");

  const bool ok = check::RunChecks(options, [](const check::CheckResult& r) {
    std::printf("%s\n", check::Format(r).c_str());
    std::fflush(stdout);
  });
  std::printf("%s\n", ok ? "all checks passed" : "some checks FAILED");
  return ok ? 0 : 1;
}
