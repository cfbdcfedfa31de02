// See resource.h.
#include "resource.h"

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rpc.h"

namespace fasciactl {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void FieldPaths::Add(const std::string& path) {
  if (std::find(paths_.begin(), paths_.end(), path) == paths_.end()) paths_.push_back(path);
}

bool HasField(const Descriptor* d, const std::string& field) {
  return d->FindFieldByName(field) != nullptr;
}

void SetStringField(Message& m, const std::string& field, const std::string& value) {
  const FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(field);
  if (f != nullptr) m.GetReflection()->SetString(&m, f, value);
}

std::string GetStringField(const Message& m, const std::string& field) {
  const FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(field);
  return f != nullptr ? m.GetReflection()->GetString(m, f) : "";
}

namespace {

// The output-only fields of every resource (AIP-203); a file may carry them
// (e.g. `get -o json` edited and fed back), but they never go in a mask.
bool IsOutputOnly(const std::string& field) {
  return field == "name" || field == "create_time" || field == "update_time" ||
         field == "delete_time" || field == "etag";
}

void SetInt32Field(Message& m, const std::string& field, int32_t value) {
  const FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(field);
  if (f != nullptr) m.GetReflection()->SetInt32(&m, f, value);
}

// The first repeated message field of a List response: the items.
const FieldDescriptor* ItemsField(const Descriptor* response) {
  for (int i = 0; i < response->field_count(); ++i) {
    const FieldDescriptor* f = response->field(i);
    if (f->is_repeated() && f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) return f;
  }
  return nullptr;
}

std::string Method(const ResourceSpec& spec, const std::string& verb) {
  return absl::StrCat(spec.service, ".", verb, verb == "List" ? spec.plural : spec.type);
}

// get and delete: a request naming one resource (plus --etag for delete;
// SetStringField skips fields a request lacks), answered by the resource.
int RunNamed(Invocation& inv, const ResourceSpec& spec, const std::string& verb) {
  absl::StatusOr<std::string> name = ResolveName(inv, spec, inv.Arg(0));
  if (!name.ok()) return inv.Fail(name.status());
  const std::string method = Method(spec, verb);
  auto request = NewMessage(FindMethod(method)->input_type());
  auto item = NewMessage(FindMethod(method)->output_type());
  SetStringField(*request, "name", *name);
  SetStringField(*request, "etag", inv.args().Get("etag"));
  if (!inv.Call(method, *request, item.get())) return inv.exit_code();
  return PrintResult(inv, spec, *item);
}

int RunList(Invocation& inv, const ResourceSpec& spec) {
  const std::string method = Method(spec, "List");
  auto request = NewMessage(FindMethod(method)->input_type());
  auto response = NewMessage(FindMethod(method)->output_type());
  absl::StatusOr<std::string> parent = ResolveParent(inv, spec, /*for_list=*/true);
  if (!parent.ok()) return inv.Fail(parent.status());
  SetStringField(*request, "parent", *parent);
  if (absl::Status s = ApplyPagingFlags(inv, *request); !s.ok()) return inv.Fail(s);
  std::vector<std::string> clauses;
  if (inv.args().Has("filter")) clauses.push_back(inv.args().Get("filter"));
  if (spec.list_filter) {
    absl::StatusOr<std::vector<std::string>> extra = spec.list_filter(inv);
    if (!extra.ok()) return inv.Fail(extra.status());
    clauses.insert(clauses.end(), extra->begin(), extra->end());
  }
  SetStringField(*request, "filter", absl::StrJoin(clauses, " AND "));
  SetSwitchFields(inv, *request);  // --show-deleted, --show-revoked, ...
  if (!CallPaged(inv, method, *request, response.get(), inv.args().GetBool("all"))) {
    return inv.exit_code();
  }
  const FieldDescriptor* items = ItemsField(response->GetDescriptor());
  inv.printer().PrintList(*response, items->name(), spec.columns);
  ReportListEnd(inv, *response, items->name(), spec.group);
  return kExitOk;
}

int RunCreate(Invocation& inv, const ResourceSpec& spec) {
  const std::string method = Method(spec, "Create");
  auto request = NewMessage(FindMethod(method)->input_type());
  auto item = NewMessage(FindMethod(method)->output_type());
  const FieldDescriptor* resource_field = request->GetDescriptor()->FindFieldByName(spec.field);
  Message* resource = request->GetReflection()->MutableMessage(request.get(), resource_field);
  FieldPaths paths;
  if (absl::Status s = BuildResource(inv, spec, *resource, paths); !s.ok()) return inv.Fail(s);
  absl::StatusOr<std::string> parent = ResolveParent(inv, spec, /*for_list=*/false);
  if (!parent.ok()) return inv.Fail(parent.status());
  SetStringField(*request, "parent", *parent);
  if (!inv.Arg(0).empty() && inv.args().Has("id")) {
    return inv.UsageError("give the id either as an argument or with --id, not both");
  }
  SetStringField(*request, spec.field + "_id", inv.args().Get("id", inv.Arg(0)));
  SetStringField(*request, "request_id", inv.args().Get("request-id"));
  SetSwitchFields(inv, *request);  // --confirm-not-duplicate, ...
  if (!inv.Call(method, *request, item.get())) return inv.exit_code();
  return PrintResult(inv, spec, *item);
}

int RunUpdate(Invocation& inv, const ResourceSpec& spec) {
  const std::string method = Method(spec, "Update");
  auto request = NewMessage(FindMethod(method)->input_type());
  auto item = NewMessage(FindMethod(method)->output_type());
  const FieldDescriptor* resource_field = request->GetDescriptor()->FindFieldByName(spec.field);
  Message* resource = request->GetReflection()->MutableMessage(request.get(), resource_field);
  FieldPaths paths;
  if (absl::Status s = BuildResource(inv, spec, *resource, paths); !s.ok()) return inv.Fail(s);
  std::string target = inv.Arg(0);
  if (target.empty()) target = GetStringField(*resource, "name");
  if (target.empty()) return inv.UsageError("name the resource to update (ID or NAME argument)");
  absl::StatusOr<std::string> name = ResolveName(inv, spec, target);
  if (!name.ok()) return inv.Fail(name.status());
  SetStringField(*resource, "name", *name);
  if (inv.args().Has("etag")) SetStringField(*resource, "etag", inv.args().Get("etag"));
  auto* mask = static_cast<google::protobuf::FieldMask*>(request->GetReflection()->MutableMessage(
      request.get(), request->GetDescriptor()->FindFieldByName("update_mask")));
  if (inv.args().Has("update-mask")) {
    for (const std::string& path : inv.args().GetList("update-mask")) mask->add_paths(path);
  } else {
    for (const std::string& path : paths.paths()) mask->add_paths(path);
  }
  if (mask->paths().empty()) {
    return inv.UsageError("nothing to update: give field flags, --from-file or --update-mask");
  }
  if (!inv.Call(method, *request, item.get())) return inv.exit_code();
  return PrintResult(inv, spec, *item);
}

std::vector<std::string> Examples(const ResourceSpec& spec, const std::string& verb) {
  auto it = spec.examples.find(verb);
  return it == spec.examples.end() ? std::vector<std::string>{} : it->second;
}

constexpr char kIdArgument[] = "ID|NAME";

}  // namespace

absl::StatusOr<std::string> ResolveParent(const Invocation& inv, const ResourceSpec& spec,
                                          bool for_list) {
  switch (spec.scope) {
    case Scope::kGlobal:
      return std::string();
    case Scope::kOrganization:
      return inv.Organization();
    case Scope::kLocation:
      if (for_list && spec.list_any_location && !inv.args().Has("location")) {
        absl::StatusOr<std::string> org = inv.Organization();
        if (!org.ok()) return org.status();
        return *org + "/locations/-";
      }
      return inv.Location();
    case Scope::kClient:
      if (!inv.args().Has("client")) return absl::InvalidArgumentError("--client is required");
      return inv.OrgChild("clients", inv.args().Get("client"));
  }
  return std::string();
}

int PrintResult(Invocation& inv, const ResourceSpec& spec, const Message& item) {
  inv.printer().PrintOne(item, spec.columns);
  const bool table = inv.format() == Format::kTable || inv.format() == Format::kWide;
  if (table && spec.print_details) spec.print_details(inv, item);
  return kExitOk;
}

absl::Status BuildResource(Invocation& inv, const ResourceSpec& spec, Message& resource,
                           FieldPaths& paths) {
  if (inv.args().Has("from-file")) {
    std::vector<std::string> fields;
    absl::Status s = ReadJsonFile(inv.args().Get("from-file"), &resource, &fields);
    if (!s.ok()) return s;
    for (const std::string& f : fields) {
      if (!IsOutputOnly(f)) paths.Add(f);
    }
  }
  if (spec.apply) return spec.apply(inv, resource, paths);
  return absl::OkStatus();
}

void SetSwitchFields(const Invocation& inv, Message& request) {
  for (const FlagSpec& flag : inv.command().flags) {
    if (!flag.IsSwitch() || !inv.args().GetBool(flag.name)) continue;
    std::string field = flag.name;
    std::replace(field.begin(), field.end(), '-', '_');
    const FieldDescriptor* f = request.GetDescriptor()->FindFieldByName(field);
    if (f != nullptr && f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      request.GetReflection()->SetBool(&request, f, true);
    }
  }
}

std::vector<FlagSpec> ScopeFlags(Scope scope) {
  std::vector<FlagSpec> flags;
  if (scope == Scope::kOrganization || scope == Scope::kLocation || scope == Scope::kClient) {
    flags.push_back({"org", "ORG", "organization id (default: $FASCIA_ORG or the context's)"});
  }
  if (scope == Scope::kLocation) {
    flags.push_back({"location", "LOC", "location id or name"});
  }
  if (scope == Scope::kClient) {
    flags.push_back(
        {"client", "CLIENT", "the client (id or name); needed unless a full name is given"});
  }
  return flags;
}

absl::StatusOr<std::string> ResolveName(const Invocation& inv, const ResourceSpec& spec,
                                        const std::string& value) {
  if (value.empty()) return absl::InvalidArgumentError("give the resource's ID or NAME");
  if (IsFullName(value)) {
    if (value.find("/" + spec.collection + "/") == std::string::npos &&
        value.rfind(spec.collection + "/", 0) != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", value, "\" is not the name of one of the ", spec.group));
    }
    return value;
  }
  switch (spec.scope) {
    case Scope::kGlobal:
      return absl::StrCat(spec.collection, "/", value);
    case Scope::kOrganization:
      return inv.OrgChild(spec.collection, value);
    case Scope::kLocation: {
      absl::StatusOr<std::string> location = inv.Location();
      if (!location.ok()) return location.status();
      return inv.LocationChild(*location, spec.collection, value);
    }
    case Scope::kClient: {
      absl::StatusOr<std::string> client = ResolveParent(inv, spec);
      if (!client.ok()) return client.status();
      return absl::StrCat(*client, "/", spec.collection, "/", value);
    }
  }
  return value;
}

std::string ClientOf(const std::string& name) {
  const size_t clients = name.find("/clients/");
  if (clients == std::string::npos) return "";
  const size_t end = name.find('/', clients + 9);
  return end == std::string::npos ? name : name.substr(0, end);
}

absl::Status ApplyPagingFlags(const Invocation& inv, Message& request) {
  if (inv.args().Has("page-size")) {
    int size = 0;
    if (!absl::SimpleAtoi(inv.args().Get("page-size"), &size) || size < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--page-size \"", inv.args().Get("page-size"), "\" is not a count"));
    }
    SetInt32Field(request, "page_size", size);
  }
  SetStringField(request, "page_token", inv.args().Get("page-token"));
  return absl::OkStatus();
}

bool CallPaged(Invocation& inv, const std::string& method, Message& request, Message* response,
               bool all, const PageMerge& merge) {
  std::unique_ptr<Message> page(response->New());
  while (true) {
    page->Clear();
    if (!inv.Call(method, request, page.get())) return false;
    if (merge) {
      merge(*page, *response);
    } else {
      response->MergeFrom(*page);  // appends the items
    }
    const std::string token = GetStringField(*page, "next_page_token");
    if (!all || token.empty()) {
      // MergeFrom keeps the last non-empty token; the answer is this page's.
      SetStringField(*response, "next_page_token", token);
      return true;
    }
    SetStringField(request, "page_token", token);
  }
}

void ReportListEnd(Invocation& inv, const Message& response, const std::string& items_field,
                   const std::string& what) {
  if (inv.format() != Format::kTable && inv.format() != Format::kWide) return;
  const FieldDescriptor* f = response.GetDescriptor()->FindFieldByName(items_field);
  if (f != nullptr && response.GetReflection()->FieldSize(response, f) == 0) {
    inv.err() << "No " << what << " found.\n";
  }
  const std::string token = GetStringField(response, "next_page_token");
  if (!token.empty()) {
    inv.err() << "More results: add --all, or --page-token " << token << "\n";
  }
}

absl::StatusOr<std::string> ReadInputFile(const std::string& path, const std::string& flag) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", flag, " \"", path, "\""));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::Status ReadJsonFile(const std::string& path, Message* message,
                          std::vector<std::string>* fields) {
  absl::StatusOr<std::string> read = ReadInputFile(path, "--from-file");
  if (!read.ok()) return read.status();
  const std::string& text = *read;
  auto parsed = google::protobuf::util::JsonStringToMessage(text, message);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--from-file ", path, ": not a ", message->GetDescriptor()->name(),
                     " in protobuf JSON: ", std::string(parsed.message())));
  }
  if (fields != nullptr) {
    // Presence, not value: a key set to "" or [] still clears that field.
    google::protobuf::Struct object;
    if (google::protobuf::util::JsonStringToMessage(text, &object).ok()) {
      for (const auto& entry : object.fields()) {
        const FieldDescriptor* f = message->GetDescriptor()->FindFieldByName(entry.first);
        if (f == nullptr) f = message->GetDescriptor()->FindFieldByCamelcaseName(entry.first);
        if (f != nullptr) fields->push_back(f->name());
      }
      std::sort(fields->begin(), fields->end());
    }
  }
  return absl::OkStatus();
}

namespace {

int RunNamedAction(Invocation& inv, const ResourceSpec& spec, const std::string& method,
                   ReasonFlag reason) {
  absl::StatusOr<std::string> name = ResolveName(inv, spec, inv.Arg(0));
  if (!name.ok()) return inv.Fail(name.status());
  if (reason == ReasonFlag::kRequired && inv.args().Get("reason").empty()) {
    return inv.UsageError("--reason is required (it is kept on the record)");
  }
  const std::string full = absl::StrCat(spec.service, ".", method);
  auto request = NewMessage(FindMethod(full)->input_type());
  auto item = NewMessage(FindMethod(full)->output_type());
  SetStringField(*request, "name", *name);
  SetStringField(*request, "etag", inv.args().Get("etag"));
  SetStringField(*request, "reason", inv.args().Get("reason"));
  if (!inv.Call(full, *request, item.get())) return inv.exit_code();
  return PrintResult(inv, spec, *item);
}

}  // namespace

Command NamedActionCommand(const ResourceSpec& spec, const std::string& verb,
                           const std::string& method, const std::string& summary, ReasonFlag reason,
                           std::vector<std::string> examples) {
  const Descriptor* request = FindMethod(absl::StrCat(spec.service, ".", method))->input_type();
  Command c;
  c.verb = verb;
  c.summary = summary;
  c.arguments = kIdArgument;
  c.min_args = c.max_args = 1;
  c.flags = ScopeFlags(spec.scope);
  if (reason != ReasonFlag::kNone) {
    c.flags.push_back(
        {"reason", "TEXT", reason == ReasonFlag::kRequired ? "why (required)" : "why (optional)"});
  }
  if (HasField(request, "etag")) {
    c.flags.push_back(
        {"etag", "ETAG", absl::StrCat("refuse (ABORTED) if the ", spec.kind, " changed since")});
  }
  c.examples = std::move(examples);
  c.run = [spec, method, reason](Invocation& inv) {
    return RunNamedAction(inv, spec, method, reason);
  };
  return c;
}

absl::Status WritePrivateFile(const std::string& path, const std::string& text,
                              const std::string& flag) {
  const std::string temp = path + ".tmp";
  const mode_t old_mask = ::umask(077);
  std::ofstream out(temp, std::ios::binary | std::ios::trunc);
  ::umask(old_mask);
  out << text;
  out.close();
  if (!out || std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return absl::InvalidArgumentError(absl::StrCat("cannot write ", flag, " \"", path, "\""));
  }
  return absl::OkStatus();
}

ResourceGroup MakeStandardGroup(const ResourceSpec& spec) {
  ResourceGroup group;
  group.name = spec.group;
  group.aliases = spec.aliases;
  group.summary = spec.summary;
  group.details = spec.details;
  const std::vector<FlagSpec> scope = ScopeFlags(spec.scope);
  const std::string& kind = spec.kind;
  auto has = [&](const std::string& verb) {
    const std::string lower = absl::AsciiStrToLower(verb);
    return FindMethod(Method(spec, verb)) != nullptr &&
           std::find(spec.skip_verbs.begin(), spec.skip_verbs.end(), lower) ==
               spec.skip_verbs.end();
  };

  if (has("List")) {
    Command c;
    c.verb = "list";
    c.summary = absl::StrCat("List ", spec.group);
    c.flags = scope;
    if (spec.list_any_location && !c.flags.empty()) {
      c.flags.back().help = "location id or name (default: every location)";
    }
    const Descriptor* request = FindMethod(Method(spec, "List"))->input_type();
    const bool paged = HasField(request, "page_token");  // short lists are not (plugins)
    if (paged) {
      c.flags.push_back({"page-size", "N", "items per page (server default 50, at most 1000)"});
      c.flags.push_back({"page-token", "TOKEN", "continue from a previous page"});
      c.flags.push_back({"all", "", "follow every page and print them as one list"});
    }
    if (HasField(request, "filter")) {
      c.flags.push_back(
          {"filter", "EXPR", absl::StrCat("server-side filter, e.g. ", spec.filter_help)});
    }
    if (HasField(request, "show_deleted")) {
      c.flags.push_back({"show-deleted", "", "include soft-deleted items"});
    }
    c.flags.insert(c.flags.end(), spec.list_flags.begin(), spec.list_flags.end());
    c.details = paged ? "-o json prints the List response message (items plus nextPageToken); with "
                        "--all the\npages are merged into one response without a token."
                      : "-o json prints the List response message.";
    c.examples = Examples(spec, "list");
    c.run = [spec](Invocation& inv) { return RunList(inv, spec); };
    group.commands.push_back(std::move(c));
  }
  if (has("Get")) {
    Command c;
    c.verb = "get";
    c.summary = absl::StrCat("Show one ", kind, has("Delete") ? " (soft-deleted ones too)" : "");
    c.arguments = kIdArgument;
    c.min_args = c.max_args = 1;
    c.flags = scope;
    c.examples = Examples(spec, "get");
    c.run = [spec](Invocation& inv) { return RunNamed(inv, spec, "Get"); };
    group.commands.push_back(std::move(c));
  }
  if (has("Create")) {
    Command c;
    c.verb = "create";
    c.summary = absl::StrCat("Create a ", kind);
    c.flags = scope;
    const Descriptor* request = FindMethod(Method(spec, "Create"))->input_type();
    if (HasField(request, spec.field + "_id")) {  // else the server always names it
      c.arguments = "[ID]";
      c.max_args = 1;
      c.flags.push_back(
          {"id", "ID", "the new id ([a-z0-9][a-z0-9-]{0,62}; generated when omitted)"});
    }
    if (HasField(request, "request_id")) {
      c.flags.push_back(
          {"request-id", "KEY", "idempotency key: a retry with it returns the first result"});
    }
    c.flags.push_back({"from-file", "FILE",
                       absl::StrCat("the whole ", spec.type,
                                    " as protobuf JSON ('-' for stdin); flags override it")});
    c.flags.insert(c.flags.end(), spec.field_flags.begin(), spec.field_flags.end());
    c.flags.insert(c.flags.end(), spec.create_flags.begin(), spec.create_flags.end());
    c.examples = Examples(spec, "create");
    c.run = [spec](Invocation& inv) { return RunCreate(inv, spec); };
    group.commands.push_back(std::move(c));
  }
  if (has("Update")) {
    Command c;
    c.verb = "update";
    c.summary = absl::StrCat("Change fields of a ", kind, " (only the fields given)");
    c.arguments = kIdArgument;
    c.max_args = 1;
    c.flags = scope;
    c.flags.push_back({"from-file", "FILE",
                       absl::StrCat("fields as protobuf JSON (", spec.type,
                                    "); its top-level keys form the update mask")});
    c.flags.push_back({"update-mask", "PATHS", "explicit comma-separated field paths (or *)"});
    c.flags.push_back({"etag", "ETAG", "refuse (ABORTED) if the resource changed since this etag"});
    c.flags.insert(c.flags.end(), spec.field_flags.begin(), spec.field_flags.end());
    c.details =
        "The update_mask lists exactly the fields given by flags or present in --from-file;\n"
        "repeated fields (e.g. hours) are replaced as a whole.";
    c.examples = Examples(spec, "update");
    c.run = [spec](Invocation& inv) { return RunUpdate(inv, spec); };
    group.commands.push_back(std::move(c));
  }
  if (has("Delete")) {
    Command c;
    c.verb = "delete";
    c.summary = absl::StrCat("Soft-delete a ", kind, " (it stays readable; no new bookings)");
    c.arguments = kIdArgument;
    c.min_args = c.max_args = 1;
    c.flags = scope;
    c.flags.push_back({"etag", "ETAG", "refuse (ABORTED) if the resource changed since this etag"});
    c.examples = Examples(spec, "delete");
    c.run = [spec](Invocation& inv) { return RunNamed(inv, spec, "Delete"); };
    group.commands.push_back(std::move(c));
  }
  return group;
}

}  // namespace fasciactl
