// ABI negotiation checks on the raw C entry point, below the loader:
//
//   abi[host]:            fascia_plugin_entry(HOST_MAJOR, HOST_MINOR) returns a
//                         table with abi_major == HOST_MAJOR, abi_minor <=
//                         HOST_MINOR, a struct_size covering the table, a
//                         plugin_id of [a-z0-9_-]+, a version, and all three
//                         functions;
//   abi[newer-minor]:     a host one minor newer is served too (minors only
//                         add), with a table still claiming HOST_MAJOR;
//   abi[next-major]:      a host one major newer gets NULL or a table whose
//                         abi_major differs: the plugin must not claim to
//                         speak an ABI it was not built for.
//
// The probe dlopens the plugin in a forked child process and reports back
// over a pipe, so a plugin that crashes or hangs in its constructors or entry
// point is a FAIL line instead of the end of the checker. A child that does
// not finish within `timeout` is killed.
//
// REQUIRES: called while the process is single-threaded (before any plugin
// is loaded in isolated mode or any stress thread runs): the child runs
// dlopen after fork(), which is only safe without other threads.
#ifndef FASCIA_PLUGIN_CHECK_ABI_PROBE_H_
#define FASCIA_PLUGIN_CHECK_ABI_PROBE_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "check_result.h"

namespace fascia::plugin_check {

std::vector<CheckResult> ProbeAbi(const std::string& path, absl::Duration timeout);

}  // namespace fascia::plugin_check

#endif  // FASCIA_PLUGIN_CHECK_ABI_PROBE_H_
