// Everything one running command needs: its parsed flags, the API client,
// the printer, and helpers that turn the ids an admin types into resource
// names and failures into exit codes.
//
//   int RunGet(Invocation& inv) {
//     absl::StatusOr<std::string> name = inv.OrgChild("clients", inv.Arg(0));
//     if (!name.ok()) return inv.Fail(name.status());
//     ...
//     if (!inv.Call("fascia.v1.ClientService.GetClient", req, &client)) return inv.exit_code();
//     inv.printer().PrintOne(client, columns);
//     return kExitOk;
//   }
//
// Ids versus names: wherever a resource is referenced, the short id
// ("soho") and the full name ("organizations/acme/locations/soho") are both
// accepted; a short id is completed with --org (or the context's
// organization) and, for rooms and appointments, --location.
//
// Thread-compatible.
#ifndef FASCIA_CLIENTS_FASCIACTL_INVOCATION_H_
#define FASCIA_CLIENTS_FASCIACTL_INVOCATION_H_

#include <google/protobuf/message.h>

#include <memory>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "args.h"
#include "command.h"
#include "connection.h"
#include "errors.h"
#include "output.h"
#include "rpc.h"

namespace fasciactl {

class Invocation {
 public:
  Invocation(const ResourceGroup& group, const Command& command, ParsedArgs args,
             ConnectionSettings settings, std::unique_ptr<ApiClient> api, Format format,
             std::ostream& out, std::ostream& err);

  const ResourceGroup& group() const { return group_; }
  const Command& command() const { return command_; }
  const ParsedArgs& args() const { return args_; }
  // The i-th positional argument, "" if absent.
  std::string Arg(size_t i) const;
  const ConnectionSettings& settings() const { return settings_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  Printer& printer() { return printer_; }
  Format format() const { return printer_.format(); }

  // Calls `method`; on failure prints the error and remembers its exit code.
  // REQUIRES: command().uses_server.
  bool Call(const std::string& method, const google::protobuf::Message& request,
            google::protobuf::Message* response);
  int exit_code() const { return exit_code_; }

  // Prints "Error: <message>" and the usage line; returns kExitUsage.
  int UsageError(const std::string& message);
  // A failed step: when an RPC inside it already reported an error, that
  // error's exit code; otherwise a local failure (bad flag value, unreadable
  // file), reported as a usage error.
  int Fail(const absl::Status& status) {
    return exit_code_ != kExitOk ? exit_code_ : UsageError(std::string(status.message()));
  }

  // organizations/{org} from --org, $FASCIA_ORG or the context.
  absl::StatusOr<std::string> Organization() const;
  // organizations/{org}/locations/{loc} from --location (id or name).
  absl::StatusOr<std::string> Location() const;
  // organizations/{org}/{collection}/{value} unless `value` is a full name.
  absl::StatusOr<std::string> OrgChild(const std::string& collection,
                                       const std::string& value) const;
  // {location}/{collection}/{value} unless `value` is a full name.
  std::string LocationChild(const std::string& location, const std::string& collection,
                            const std::string& value) const;

 private:
  const ResourceGroup& group_;
  const Command& command_;
  ParsedArgs args_;
  ConnectionSettings settings_;
  std::unique_ptr<ApiClient> api_;
  Printer printer_;
  std::ostream& out_;
  std::ostream& err_;
  int exit_code_ = kExitOk;
};

// True when `value` is a full resource name rather than a short id.
bool IsFullName(const std::string& value);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_INVOCATION_H_
