// Exit codes and error reports: what a shell script sees when fasciactl fails.
//
//   0  success
//   1  the server answered with an error (any gRPC status other than below)
//   2  usage error: unknown command or flag, bad flag value, bad config file;
//      nothing was sent to the server
//   3  the server could not be reached or did not answer in time
//      (UNAVAILABLE, DEADLINE_EXCEEDED)
//
// Errors always go to stderr, so stdout stays parseable (-o json) even when a
// paged list fails half-way.
#ifndef FASCIA_CLIENTS_FASCIACTL_ERRORS_H_
#define FASCIA_CLIENTS_FASCIACTL_ERRORS_H_

#include <grpcpp/grpcpp.h>

#include <ostream>
#include <string>

namespace fasciactl {

enum ExitCode : int {
  kExitOk = 0,
  kExitServerError = 1,
  kExitUsage = 2,
  kExitUnavailable = 3,
};

// "INVALID_ARGUMENT", "NOT_FOUND", ... (the canonical upper-case name).
std::string StatusCodeName(grpc::StatusCode code);

// The exit code for a failed RPC: kExitUnavailable for UNAVAILABLE and
// DEADLINE_EXCEEDED, kExitServerError for everything else.
int ExitCodeFor(const grpc::StatusCode code);

// Writes a failed RPC to `err`, e.g.
//
//   Error: INVALID_ARGUMENT: request has 1 invalid field
//     reason: INVALID_ARGUMENT (fascia.dev)
//     location.time_zone: unknown time zone "Mars/Olympus"
//
// using the google.rpc.Status in the grpc-status-details-bin trailer:
// ErrorInfo (reason, domain, metadata) and one line per BadRequest field
// violation. Returns ExitCodeFor(status.error_code()).
// REQUIRES: !status.ok().
int ReportRpcError(const grpc::Status& status, std::ostream& err);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_ERRORS_H_
