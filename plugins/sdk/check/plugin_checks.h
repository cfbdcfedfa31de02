// Conformance checks on one plugin loaded through the production LoadPlugin,
// in whichever mode it was loaded; `label` (e.g. "in-process") goes into
// each check's name.
//
//   descriptor[label]        ValidateDescriptor is clean and two DESCRIBE
//                            calls return byte-identical Descriptors
//   stress[label]            `threads` threads x `calls` Screen calls each,
//                            cycling over `screen_requests`: every call OK and
//                            byte-identical to a sequential call with the
//                            same input
//   latency[label]           `calls` sequential Health and Screen calls: all
//                            OK, p99 below a quarter of the call timeout
//                            ("well under": the rest is headroom for a loaded
//                            machine); reports p50/p99
//   unknown-method[label]    an unknown method id answers UNIMPLEMENTED
//   garbage-request[label]   undecodable request bytes answer
//                            INVALID_ARGUMENT, and the plugin still answers
//                            Health afterwards without a restart
//
// Each function only calls the plugin; it is as thread-safe as the Plugin.
#ifndef FASCIA_PLUGIN_CHECK_PLUGIN_CHECKS_H_
#define FASCIA_PLUGIN_CHECK_PLUGIN_CHECKS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "check_result.h"
#include "plugins/plugin.h"

namespace fascia::plugin_check {

CheckResult CheckDescriptor(plugins::Plugin& plugin, const std::string& label);

// REQUIRES: !screen_requests.empty(), threads >= 1, calls >= 1.
CheckResult CheckStress(plugins::Plugin& plugin, const std::vector<std::string>& screen_requests,
                        int threads, int calls, const std::string& label);

// REQUIRES: calls >= 1.
CheckResult CheckLatency(plugins::Plugin& plugin, const std::string& screen_request, int calls,
                         absl::Duration call_timeout, const std::string& label);

std::vector<CheckResult> CheckBadRequests(plugins::Plugin& plugin, const std::string& label);

}  // namespace fascia::plugin_check

#endif  // FASCIA_PLUGIN_CHECK_PLUGIN_CHECKS_H_
