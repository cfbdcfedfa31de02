// The standard verbs (list, get, create, update, delete) for any API
// resource, driven by a small descriptor instead of per-resource code.
//
//   ResourceSpec spec;
//   spec.group = "rooms"; spec.scope = Scope::kLocation; spec.collection = "rooms";
//   spec.service = "fascia.v1.LocationService"; spec.type = "Room";
//   spec.plural = "Rooms"; spec.field = "room";
//   spec.columns = {...}; spec.field_flags = {...}; spec.apply = ApplyRoomFlags;
//   registry.Add(MakeStandardGroup(spec));
//
// A verb exists when its RPC does (Delete<Type> in the service, ...), so
// organizations get no delete and appointments no create. Requests are built
// with protobuf reflection from the AIP field names every Fascia request
// uses: parent, page_size, page_token, filter, show_deleted, name, etag,
// <field>, <field>_id, request_id, update_mask.
//
// Records under a client (consents, notes) use Scope::kClient: --client
// names the parent. Verbs beyond the standard five that act on one named
// resource (revoke, sign) come from NamedActionCommand.
//
// create/update: the resource comes from --from-file (protobuf JSON, "-" for
// stdin) and/or the friendly flags (spec.apply), flags winning. update sends
// an update_mask of exactly the fields given: the flags' paths plus the
// top-level keys of the file (or --update-mask to say it explicitly).
#ifndef FASCIA_CLIENTS_FASCIACTL_RESOURCE_H_
#define FASCIA_CLIENTS_FASCIACTL_RESOURCE_H_

#include <google/protobuf/message.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "command.h"
#include "invocation.h"
#include "output.h"

namespace fasciactl {

enum class Scope {
  kGlobal,        // organizations/{id}
  kOrganization,  // organizations/{org}/{collection}/{id}
  kLocation,      // organizations/{org}/locations/{loc}/{collection}/{id}
  kClient,        // organizations/{org}/clients/{client}/{collection}/{id}
};

// Field paths set by flags, for update_mask (no duplicates).
class FieldPaths {
 public:
  void Add(const std::string& path);
  const std::vector<std::string>& paths() const { return paths_; }
  bool empty() const { return paths_.empty(); }

 private:
  std::vector<std::string> paths_;
};

// Sets fields of `resource` (of the spec's type) from the friendly flags that
// were given, recording each field path set.
using ApplyFlagsFn =
    std::function<absl::Status(Invocation&, google::protobuf::Message& resource, FieldPaths&)>;

template <typename T>
ApplyFlagsFn ApplyFlags(std::function<absl::Status(Invocation&, T&, FieldPaths&)> fn) {
  return [fn](Invocation& inv, google::protobuf::Message& m, FieldPaths& paths) {
    return fn(inv, static_cast<T&>(m), paths);
  };
}

struct ResourceSpec {
  std::string group;                 // CLI name: "locations"
  std::vector<std::string> aliases;  // "location", "loc"
  std::string kind;                  // "location", "staff member" (for help text)
  std::string summary;
  std::string details;  // extra help for the group
  Scope scope = Scope::kOrganization;
  std::string collection;  // name segment: "locations"
  std::string service;     // "fascia.v1.LocationService"
  std::string type;        // "Location" -> Get/Create/Update/DeleteLocation
  std::string plural;      // "Locations" -> ListLocations
  std::string field;       // "location": the request field and "location_id"
  std::vector<Column> columns;
  std::vector<FlagSpec> field_flags;  // create/update flags
  ApplyFlagsFn apply;
  std::map<std::string, std::vector<std::string>> examples;  // by verb
  std::string filter_help;  // what --filter supports, for list's help
  // Standard verbs not to generate, because the group defines its own
  // (e.g. api-keys create, whose response carries the secret).
  std::vector<std::string> skip_verbs;
  // list extras: flags that add filter clauses (appointments --status ...).
  // A switch named like a bool request field (--show-revoked ->
  // show_revoked) sets that field.
  std::vector<FlagSpec> list_flags;
  std::function<absl::StatusOr<std::vector<std::string>>(Invocation&)> list_filter;
  // list without --location means every location (parent .../locations/-).
  bool list_any_location = false;
  // create extras (e.g. clients --confirm-not-duplicate); a switch named like
  // a bool request field sets it, as for list_flags.
  std::vector<FlagSpec> create_flags;
  // Sections printed under one resource's row in table/wide format, for
  // what a row cannot show (a screening's findings); get, create and named
  // actions use it via PrintResult. json/yaml already show everything.
  std::function<void(Invocation&, const google::protobuf::Message&)> print_details;
};

// The group with every standard verb the service has.
ResourceGroup MakeStandardGroup(const ResourceSpec& spec);

// --org / --location / --client, as the scope needs (for custom commands too).
std::vector<FlagSpec> ScopeFlags(Scope scope);

// The full name for an id or name typed by the user.
absl::StatusOr<std::string> ResolveName(const Invocation& inv, const ResourceSpec& spec,
                                        const std::string& id_or_name);

// The parent a create or list names: organizations/{org}, .../locations/{loc}
// or .../clients/{client}, from --org, --location, --client.
absl::StatusOr<std::string> ResolveParent(const Invocation& inv, const ResourceSpec& spec,
                                          bool for_list = false);

// The resource from --from-file (if any) and the friendly flags (spec.apply),
// flags winning; the file's top-level keys and the flags' paths go to `paths`.
absl::Status BuildResource(Invocation& inv, const ResourceSpec& spec,
                           google::protobuf::Message& resource, FieldPaths& paths);

// Prints one resource with the spec's columns (or json/yaml), then its
// spec.print_details in table/wide format; kExitOk.
int PrintResult(Invocation& inv, const ResourceSpec& spec, const google::protobuf::Message& item);

// A command acting on one named resource: `<verb> ID|NAME [--reason] [--etag]`,
// calling spec.service's `method` whose request has name (and etag / reason
// fields when it has them) and whose answer is the resource (revoke, sign).
enum class ReasonFlag { kNone, kOptional, kRequired };
Command NamedActionCommand(const ResourceSpec& spec, const std::string& verb,
                           const std::string& method, const std::string& summary, ReasonFlag reason,
                           std::vector<std::string> examples);

// Sets each bool field of `request` named like a switch given on the command
// line (--show-deleted -> show_deleted).
void SetSwitchFields(const Invocation& inv, google::protobuf::Message& request);

// The client a record belongs to: "organizations/o/clients/c/notes/n" ->
// "organizations/o/clients/c"; "" when the name has no client.
std::string ClientOf(const std::string& name);

// Calls a List-style `method` (request with page_token, response with
// next_page_token). With `all`, follows next_page_token and merges every
// page into `response`, leaving no token. Pages are merged with `merge`
// (default: MergeFrom, which appends repeated fields). Prints errors; false
// on failure.
using PageMerge =
    std::function<void(const google::protobuf::Message& page, google::protobuf::Message& into)>;
bool CallPaged(Invocation& inv, const std::string& method, google::protobuf::Message& request,
               google::protobuf::Message* response, bool all, const PageMerge& merge = {});

// After a table listing: "No <what> found." when there are no rows, and a
// hint on stderr when a next_page_token was left unfollowed.
void ReportListEnd(Invocation& inv, const google::protobuf::Message& response,
                   const std::string& items_field, const std::string& what);

// The whole text of `path` ("-" for stdin); `flag` names the flag in the
// error ("--from-file").
absl::StatusOr<std::string> ReadInputFile(const std::string& path, const std::string& flag);

// Reads protobuf JSON from `path` ("-" for stdin) into `message`; the file's
// top-level keys (as proto field names) go to `fields` when given.
absl::Status ReadJsonFile(const std::string& path, google::protobuf::Message* message,
                          std::vector<std::string>* fields = nullptr);

// Writes `text` to `path` (mode 0600: keys and client records are private)
// via a temp file and rename, so no half-written file is left; `flag` names
// the flag in the error ("--key-file").
absl::Status WritePrivateFile(const std::string& path, const std::string& text,
                              const std::string& flag);

// Reflection helpers for the AIP fields (no-ops when the field is absent).
void SetStringField(google::protobuf::Message& m, const std::string& field,
                    const std::string& value);
std::string GetStringField(const google::protobuf::Message& m, const std::string& field);
bool HasField(const google::protobuf::Descriptor* d, const std::string& field);

// Common flags: page size/token, --all, --filter.
absl::Status ApplyPagingFlags(const Invocation& inv, google::protobuf::Message& request);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_RESOURCE_H_
