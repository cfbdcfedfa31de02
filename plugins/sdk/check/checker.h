// fascia-plugin-check's checks in order, as a library (the program is a thin
// flag parser over RunChecks; tests call it too).
//
//   exports          the .dynsym exports exactly fascia_plugin_entry (a
//                    function) and nothing else: fascia_add_plugin's version
//                    script hides everything else, and with binutils 2.40
//                    (bookworm) not even _init/_fini/_edata/_end/__bss_start
//                    are exported, so none is tolerated
//   abi[...]         raw entry-point negotiation (abi_probe.h)
//   golden           the golden file: found/parsed, case names unique
//   then per mode (in-process, isolated):
//   load[mode]       LoadPlugin with the default settings
//   descriptor[mode], golden[mode] <case> (one line per case),
//   stress[mode], latency[mode], unknown-method[mode], garbage-request[mode]
//                    (plugin_checks.h)
//   descriptor[modes-agree]  both modes describe the plugin byte-identically
//
// Stress and latency inputs are the golden cases that use the default
// settings and expect a screening (the plugin's own realistic answers), or a
// Response with no answers when there are none.
//
// REQUIRES: called before the process starts other threads (the ABI probe
// forks). Reports every result through `report` as it happens; returns true
// only if all passed.
#ifndef FASCIA_PLUGIN_CHECK_CHECKER_H_
#define FASCIA_PLUGIN_CHECK_CHECKER_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "check_result.h"
#include "plugins/plugin.h"

namespace fascia::plugin_check {

struct CheckerOptions {
  std::string plugin_path;
  std::string golden_path;  // empty: FindGoldenBeside(plugin_path), if any
  std::vector<plugins::Mode> modes = {plugins::Mode::kInProcess, plugins::Mode::kIsolated};
  int threads = 8;
  int calls = 200;
  absl::Duration call_timeout = absl::Seconds(2);
  std::string host_executable;  // empty: the loader's default lookup
};

bool RunChecks(const CheckerOptions& options, const Reporter& report);

std::string ModeName(plugins::Mode mode);  // "in-process" / "isolated"

}  // namespace fascia::plugin_check

#endif  // FASCIA_PLUGIN_CHECK_CHECKER_H_
