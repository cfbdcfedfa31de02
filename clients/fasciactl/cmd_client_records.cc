// `fasciactl clients health get|update`, `clients export`, `clients erase`:
// a client's health history (OWNER, or a THERAPIST key for clients it
// treats) and the client's rights (OWNER only). See docs/api.md "Client
// records".
//
// health update: --add-* flags append to a list; fasciactl reads the current
// history, appends, and sends that list with the read etag, so a concurrent
// change is ABORTED rather than lost. --from-file sets the lists it names
// (its top-level keys are the update_mask), --clear empties a list.
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "connection.h"
#include "fascia/v1/client_service.pb.h"
#include "resource.h"
#include "times.h"
#include "values.h"

namespace fasciactl {

namespace v1 = fascia::v1;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

namespace {

constexpr char kService[] = "fascia.v1.ClientService";

// A list of the history and the --add-<item> flag that appends to it.
struct HealthList {
  std::string flag;
  std::string field;               // HealthHistory field
  std::vector<std::string> parts;  // the flag's colon-separated fields
  std::string value_name;
  std::string help;
};

const std::vector<HealthList>& HealthLists() {
  static const auto* lists = new std::vector<HealthList>{
      {"add-condition",
       "conditions",
       {"description", "since"},
       "TEXT[:SINCE]",
       "a current condition, e.g. \"hypertension:2019-03-01\""},
      {"add-medication-class",
       "medications",
       {"medication_class", "name"},
       "CLASS[:NAME]",
       "a medication by class, e.g. \"anticoagulant:warfarin\""},
      {"add-allergy",
       "allergies",
       {"substance", "reaction"},
       "SUBSTANCE[:REACTION]",
       "e.g. \"latex:hives\""},
      {"add-injury",
       "injuries",
       {"date", "body_region", "description"},
       "DATE:REGION[:TEXT]",
       "e.g. \"2024-02-01:lower back:disc strain\" (date may be empty: \":knee\")"},
      {"add-surgery",
       "surgeries",
       {"date", "description"},
       "DATE:TEXT",
       "e.g. \"2021-06-15:appendectomy\""},
  };
  return *lists;
}

// One list as table text: its items in the --add-* syntax, joined by "; ".
Column ListColumn(const HealthList& list, bool wide) {
  std::string header = absl::AsciiStrToUpper(list.field);
  return Column{header,
                [list](const Message& m) {
                  const FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(list.field);
                  std::vector<std::string> items;
                  for (int i = 0; i < m.GetReflection()->FieldSize(m, f); ++i) {
                    items.push_back(FormatColonRecord(
                        m.GetReflection()->GetRepeatedMessage(m, f, i), list.parts));
                  }
                  return absl::StrJoin(items, "; ");
                },
                wide};
}

ResourceSpec HealthSpec() {
  ResourceSpec spec;
  spec.group = "clients";
  spec.kind = "health history";
  spec.service = kService;
  spec.type = "HealthHistory";
  spec.field = "health_history";
  spec.columns.push_back(Col<v1::HealthHistory>(
      "CLIENT", [](const v1::HealthHistory& h) { return LastSegment(ClientOf(h.name())); }));
  for (const HealthList& list : HealthLists()) {
    // Injuries and surgeries are long; the table keeps to what screening needs.
    spec.columns.push_back(ListColumn(list, list.field == "injuries" || list.field == "surgeries"));
  }
  spec.columns.push_back(Col<v1::HealthHistory>(
      "UPDATED",
      [](const v1::HealthHistory& h) {
        return h.has_update_time() ? FormatUtc(FromTimestamp(h.update_time())) : "";
      },
      kWide));
  return spec;
}

absl::StatusOr<std::string> HealthName(const Invocation& inv, const ResourceSpec& clients) {
  absl::StatusOr<std::string> client = ResolveName(inv, clients, inv.Arg(0));
  if (!client.ok()) return client.status();
  return *client + "/healthHistory";
}

int RunHealthGet(Invocation& inv, const ResourceSpec& clients) {
  absl::StatusOr<std::string> name = HealthName(inv, clients);
  if (!name.ok()) return inv.Fail(name.status());
  v1::GetHealthHistoryRequest request;
  request.set_name(*name);
  v1::HealthHistory history;
  if (!inv.Call(absl::StrCat(kService, ".GetHealthHistory"), request, &history))
    return inv.exit_code();
  return PrintResult(inv, HealthSpec(), history);
}

int RunHealthUpdate(Invocation& inv, const ResourceSpec& clients) {
  absl::StatusOr<std::string> name = HealthName(inv, clients);
  if (!name.ok()) return inv.Fail(name.status());
  const ResourceSpec spec = HealthSpec();
  v1::UpdateHealthHistoryRequest request;
  v1::HealthHistory& h = *request.mutable_health_history();
  FieldPaths paths;
  if (absl::Status s = BuildResource(inv, spec, h, paths); !s.ok()) return inv.Fail(s);
  const std::vector<std::string> from_file = paths.paths();
  const std::vector<std::string> clear = inv.args().GetList("clear");
  for (const std::string& c : clear) {
    const auto& lists = HealthLists();
    if (std::none_of(lists.begin(), lists.end(),
                     [&](const HealthList& l) { return l.field == c; })) {
      return inv.UsageError(
          absl::StrCat("--clear \"", c,
                       "\": not one of conditions, medications, allergies, injuries, surgeries"));
    }
  }

  std::optional<v1::HealthHistory> current;  // read once, when an --add-* needs it
  const google::protobuf::Reflection* r = h.GetReflection();
  for (const HealthList& list : HealthLists()) {
    const std::vector<std::string> adds = inv.args().GetAll(list.flag);
    const bool clearing = std::count(clear.begin(), clear.end(), list.field) > 0;
    if (adds.empty() && !clearing) continue;
    const FieldDescriptor* f = h.GetDescriptor()->FindFieldByName(list.field);
    const bool in_file = std::count(from_file.begin(), from_file.end(), list.field) > 0;
    if (clearing) {
      r->ClearField(&h, f);
    } else if (!in_file) {  // append to the list as it is now (else: to the file's)
      if (!current) {
        v1::GetHealthHistoryRequest get;
        get.set_name(*name);
        current.emplace();
        if (!inv.Call(absl::StrCat(kService, ".GetHealthHistory"), get, &*current))
          return inv.exit_code();
      }
      for (int i = 0; i < r->FieldSize(*current, f); ++i) {
        r->AddMessage(&h, f)->CopyFrom(r->GetRepeatedMessage(*current, f, i));
      }
    }
    for (const std::string& add : adds) {
      Message* item = r->AddMessage(&h, f);
      if (absl::Status s = ParseColonRecord(list.flag, add, list.parts, *item); !s.ok())
        return inv.Fail(s);
      if (list.field == "conditions")
        static_cast<v1::HealthHistory::Condition*>(item)->set_current(true);
    }
    paths.Add(list.field);
  }
  h.set_name(*name);
  if (inv.args().Has("etag")) {
    h.set_etag(inv.args().Get("etag"));
  } else if (current && h.etag().empty()) {
    h.set_etag(current->etag());  // read-modify-write: refuse if it changed meanwhile
  }
  if (inv.args().Has("update-mask")) {
    for (const std::string& path : inv.args().GetList("update-mask")) {
      request.mutable_update_mask()->add_paths(path);
    }
  } else {
    for (const std::string& path : paths.paths()) request.mutable_update_mask()->add_paths(path);
  }
  if (request.update_mask().paths().empty()) {
    return inv.UsageError(
        "nothing to update: give --add-* flags, --clear, --from-file or --update-mask");
  }
  v1::HealthHistory updated;
  if (!inv.Call(absl::StrCat(kService, ".UpdateHealthHistory"), request, &updated))
    return inv.exit_code();
  return PrintResult(inv, spec, updated);
}

int RunExport(Invocation& inv, const ResourceSpec& clients) {
  absl::StatusOr<std::string> name = ResolveName(inv, clients, inv.Arg(0));
  if (!name.ok()) return inv.Fail(name.status());
  v1::ExportClientDataRequest request;
  request.set_name(*name);
  v1::ExportClientDataResponse response;
  if (!inv.Call(absl::StrCat(kService, ".ExportClientData"), request, &response))
    return inv.exit_code();
  std::string document = response.json();
  if (inv.format() == Format::kYaml) {
    v1::ClientDataExport parsed;
    if (google::protobuf::util::JsonStringToMessage(document, &parsed).ok()) {
      document = ToYaml(parsed);
    }
  }
  if (!document.empty() && document.back() != '\n') document += "\n";
  if (auto path = inv.args().Find("output-file")) {
    const std::string file = AbsolutePath(*path);
    if (absl::Status s = WritePrivateFile(file, document, "--output-file"); !s.ok())
      return inv.Fail(s);
    inv.err() << "Export of " << *name << " written to " << file << " (mode 0600).\n";
    return kExitOk;
  }
  inv.out() << document;
  return kExitOk;
}

int RunErase(Invocation& inv, const ResourceSpec& clients) {
  absl::StatusOr<std::string> name = ResolveName(inv, clients, inv.Arg(0));
  if (!name.ok()) return inv.Fail(name.status());
  if (inv.args().Get("reason").empty()) {
    return inv.UsageError("--reason is required (it is kept on the client and in the audit log)");
  }
  if (!inv.args().GetBool("yes")) {
    return inv.UsageError(absl::StrCat(
        "erasing ", *name,
        " cannot be undone: its contact details, address, emergency contact, preferences and\n"
        "marketing consents are deleted, and its clinical record is restricted until the\n"
        "retention period ends. Add --yes to confirm (consider 'fasciactl clients export' "
        "first)."));
  }
  v1::EraseClientRequest request;
  request.set_name(*name);
  request.set_reason(inv.args().Get("reason"));
  v1::Client erased;
  if (!inv.Call(absl::StrCat(kService, ".EraseClient"), request, &erased)) return inv.exit_code();
  return PrintResult(inv, clients, erased);
}

Command ClientCommand(const std::string& verb, const std::string& summary) {
  Command c;
  c.verb = verb;
  c.summary = summary;
  c.arguments = "CLIENT";
  c.min_args = c.max_args = 1;
  c.flags = ScopeFlags(Scope::kOrganization);
  return c;
}

}  // namespace

void AddClientRecordCommands(ResourceGroup& group, const ResourceSpec& clients) {
  group.details =
      "health get|update read and change the clinical health history (OWNER, or a THERAPIST\n"
      "key for clients it treats); export and erase are the client's rights (OWNER only).";

  Command get = ClientCommand("health get", "Show a client's health history (clinical roles)");
  get.examples = {"fasciactl clients health get jo --org acme",
                  "fasciactl clients health get jo --org acme -o wide",
                  "fasciactl clients health get organizations/acme/clients/jo -o json"};
  get.run = [clients](Invocation& inv) { return RunHealthGet(inv, clients); };
  group.commands.push_back(std::move(get));

  Command update =
      ClientCommand("health update", "Add to or replace lists of a client's health history");
  for (const HealthList& list : HealthLists()) {
    update.flags.push_back({list.flag, list.value_name, list.help, /*repeated=*/true});
  }
  update.flags.push_back({"clear", "LIST",
                          "empty a list first: conditions, medications, allergies, injuries, "
                          "surgeries",
                          /*repeated=*/true});
  update.flags.push_back({"from-file", "FILE",
                          "HealthHistory as protobuf JSON ('-' for stdin); each top-level key "
                          "replaces that list"});
  update.flags.push_back({"update-mask", "PATHS", "explicit comma-separated field paths (or *)"});
  update.flags.push_back(
      {"etag", "ETAG", "refuse (ABORTED) if the history changed since this etag"});
  update.details =
      "--add-* appends to a list: fasciactl reads the current history, appends, and sends that\n"
      "list guarded by the etag it read (ABORTED if someone changed it meanwhile; run again).\n"
      "--clear LIST empties a list (then --add-* starts it afresh). --from-file replaces each\n"
      "list it names with the file's (its top-level keys are the update_mask); to replace the\n"
      "whole history, edit 'health get -o json' and feed it back with --update-mask '*'.";
  update.examples = {
      "fasciactl clients health update jo --org acme --add-condition hypertension:2019-03-01 "
      "--add-medication-class anticoagulant:warfarin --add-allergy latex:hives",
      "fasciactl clients health update jo --org acme --clear allergies",
      "fasciactl clients health get jo --org acme -o json > h.json; $EDITOR h.json; "
      "fasciactl clients health update jo --org acme --from-file h.json --update-mask '*'",
  };
  update.run = [clients](Invocation& inv) { return RunHealthUpdate(inv, clients); };
  group.commands.push_back(std::move(update));

  Command exp = ClientCommand("export", "Everything held about a client, as one JSON document");
  exp.flags.push_back(
      {"output-file", "FILE", "write the document here (mode 0600) instead of stdout"});
  exp.details =
      "The document is fascia.v1.ClientDataExport in the protobuf JSON mapping: the client,\n"
      "health history, consents, every version of every note, and appointments. OWNER only;\n"
      "audited; works for erased clients too. -o yaml prints it as YAML; other -o values are\n"
      "ignored.";
  exp.examples = {"fasciactl clients export jo --org acme --output-file jo-export.json",
                  "fasciactl clients export jo --org acme | jq .consents"};
  exp.run = [clients](Invocation& inv) { return RunExport(inv, clients); };
  group.commands.push_back(std::move(exp));

  Command erase = ClientCommand("erase", "Erase a client (right to erasure; irreversible)");
  erase.flags.push_back({"reason", "TEXT",
                         "why, e.g. \"GDPR art. 17 request of 2026-11-20\" "
                         "(required)"});
  erase.flags.push_back({"yes", "", "confirm: erasure cannot be undone"});
  erase.details =
      "Deletes contact details, address, emergency contact, preferences and marketing consents;\n"
      "keeps name and date of birth so the retained clinical record stays identifiable, and\n"
      "restricts that record (RECORD_RESTRICTED) until privacy.clinical_retention ends. OWNER\n"
      "only; idempotent; audited. Without --yes nothing is sent (exit 2).";
  erase.examples = {
      "fasciactl clients erase jo --org acme --reason \"GDPR art. 17 request of 2026-11-20\" "
      "--yes"};
  erase.run = [clients](Invocation& inv) { return RunErase(inv, clients); };
  group.commands.push_back(std::move(erase));
}

}  // namespace fasciactl
