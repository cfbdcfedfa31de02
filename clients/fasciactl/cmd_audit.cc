// `fasciactl audit ...`: the AuditService. Reading the log is itself
// audited. Times are UTC: the log is organization-wide, not per location.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "commands.h"
#include "fascia/v1/audit_service.pb.h"
#include "resource.h"
#include "times.h"
#include "values.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

// "organizations/demo/clients/dana" -> "clients/dana": the organization is
// the same on every row.
std::string WithinOrganization(const std::string& name) {
  if (name.rfind("organizations/", 0) != 0) return name;
  const size_t slash = name.find('/', 14);
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

std::vector<Column> EventColumns() {
  return {
      Col<v1::AuditEvent>("SEQ",
                          [](const v1::AuditEvent& e) { return absl::StrCat(e.sequence()); }),
      Col<v1::AuditEvent>(
          "TIME", [](const v1::AuditEvent& e) { return FormatUtc(FromTimestamp(e.time())); }),
      Col<v1::AuditEvent>("ACTOR",
                          [](const v1::AuditEvent& e) { return WithinOrganization(e.actor()); }),
      Col<v1::AuditEvent>("ROLE", [](const v1::AuditEvent& e) { return e.actor_role(); }),
      Col<v1::AuditEvent>("ACTION",
                          [](const v1::AuditEvent& e) {
                            std::string action = e.action();
                            return action.rfind("fascia.v1.", 0) == 0 ? action.substr(10) : action;
                          }),
      Col<v1::AuditEvent>("RESOURCE",
                          [](const v1::AuditEvent& e) { return WithinOrganization(e.resource()); }),
      Col<v1::AuditEvent>("OUTCOME", [](const v1::AuditEvent& e) { return e.outcome(); }),
      Col<v1::AuditEvent>(
          "CLIENT", [](const v1::AuditEvent& e) { return WithinOrganization(e.client()); }, kWide),
      Col<v1::AuditEvent>(
          "PEER", [](const v1::AuditEvent& e) { return e.peer(); }, kWide),
      Col<v1::AuditEvent>(
          "REQUEST ID", [](const v1::AuditEvent& e) { return e.request_id(); }, kWide),
      Col<v1::AuditEvent>(
          "HASH", [](const v1::AuditEvent& e) { return e.hash(); }, kWide),
  };
}

absl::StatusOr<absl::Time> UtcFlag(const Invocation& inv, const std::string& flag) {
  absl::StatusOr<absl::Time> t = ParseTimeInZone(inv.args().Get(flag), absl::UTCTimeZone());
  if (!t.ok())
    return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", t.status().message()));
  return t;
}

absl::StatusOr<std::vector<std::string>> EventFilters(Invocation& inv) {
  const ParsedArgs& a = inv.args();
  std::vector<std::string> clauses;
  auto add = [&](const std::string& field, const std::string& op,
                 const std::string& value) -> absl::Status {
    absl::StatusOr<std::string> clause = FilterClause(field, op, value);
    if (!clause.ok()) return clause.status();
    clauses.push_back(*clause);
    return absl::OkStatus();
  };
  if (auto v = a.Find("resource")) {
    if (absl::Status s = add("resource", "=", *v); !s.ok()) return s;
  }
  for (auto [flag, collection] :
       {std::make_pair("actor", "apiKeys"), std::make_pair("client", "clients")}) {
    if (auto v = a.Find(flag)) {
      absl::StatusOr<std::string> name = inv.OrgChild(collection, *v);
      if (!name.ok()) return name.status();
      if (absl::Status s = add(flag, "=", *name); !s.ok()) return s;
    }
  }
  if (auto v = a.Find("action")) {
    // "ClientService/GetClient" is enough to type.
    const std::string action = v->find('.') == std::string::npos ? "fascia.v1." + *v : *v;
    if (absl::Status s = add("action", "=", action); !s.ok()) return s;
  }
  if (auto v = a.Find("outcome")) {
    if (absl::Status s = add("outcome", "=", absl::AsciiStrToUpper(*v)); !s.ok()) return s;
  }
  for (auto [flag, op] : {std::make_pair("from", ">="), std::make_pair("to", "<")}) {
    if (!a.Has(flag)) continue;
    absl::StatusOr<absl::Time> t = UtcFlag(inv, flag);
    if (!t.ok()) return t.status();
    if (absl::Status s = add("time", op, FormatUtc(*t)); !s.ok()) return s;
  }
  return clauses;
}

int RunClientReport(Invocation& inv) {
  absl::StatusOr<std::string> client = inv.OrgChild("clients", inv.Arg(0));
  if (!client.ok()) return inv.Fail(client.status());
  v1::GetClientAccessReportRequest request;
  request.set_client(*client);
  // mutable_*() only for flags given: a present-but-zero time would mean 1970.
  if (inv.args().Has("from")) {
    absl::StatusOr<absl::Time> t = UtcFlag(inv, "from");
    if (!t.ok()) return inv.Fail(t.status());
    *request.mutable_start_time() = ToTimestamp(*t);
  }
  if (inv.args().Has("to")) {
    absl::StatusOr<absl::Time> t = UtcFlag(inv, "to");
    if (!t.ok()) return inv.Fail(t.status());
    *request.mutable_end_time() = ToTimestamp(*t);
  }
  v1::ClientAccessReport report;
  if (!inv.Call("fascia.v1.AuditService.GetClientAccessReport", request, &report))
    return inv.exit_code();
  inv.printer().PrintList(report, "events", EventColumns());
  ReportListEnd(inv, report, "events", "accesses");
  return kExitOk;
}

int RunVerify(Invocation& inv) {
  absl::StatusOr<std::string> org = inv.Organization();
  if (!org.ok()) return inv.Fail(org.status());
  v1::VerifyAuditLogRequest request;
  request.set_parent(*org);
  v1::VerifyAuditLogResponse response;
  if (!inv.Call("fascia.v1.AuditService.VerifyAuditLog", request, &response))
    return inv.exit_code();
  inv.printer().PrintOne(
      response,
      {
          Col<v1::VerifyAuditLogResponse>(
              "INTACT",
              [](const v1::VerifyAuditLogResponse& r) { return r.intact() ? "true" : "false"; }),
          Col<v1::VerifyAuditLogResponse>(
              "EVENTS CHECKED",
              [](const v1::VerifyAuditLogResponse& r) { return absl::StrCat(r.events_checked()); }),
          Col<v1::VerifyAuditLogResponse>("FIRST BAD",
                                          [](const v1::VerifyAuditLogResponse& r) {
                                            return r.intact()
                                                       ? ""
                                                       : absl::StrCat(r.first_bad_sequence());
                                          }),
          Col<v1::VerifyAuditLogResponse>(
              "DETAIL", [](const v1::VerifyAuditLogResponse& r) { return r.detail(); }),
      });
  // A broken chain is news a script must not miss.
  return response.intact() ? kExitOk : kExitServerError;
}

}  // namespace

void RegisterAuditCommands(Registry& registry) {
  ResourceSpec spec;
  spec.group = "audit";
  spec.aliases = {"audit-events", "audit-log"};
  spec.kind = "audit event";
  spec.summary = "The hash-chained audit log (AUDITOR or OWNER)";
  spec.scope = Scope::kOrganization;
  spec.collection = "auditEvents";
  spec.service = "fascia.v1.AuditService";
  spec.type = "AuditEvent";
  spec.plural = "AuditEvents";
  spec.field = "audit_event";
  spec.columns = EventColumns();
  spec.filter_help = "'outcome = \"PERMISSION_DENIED\"'";
  spec.list_flags = {
      {"resource", "NAME", "only events on this resource (full name)"},
      {"actor", "KEY", "only events by this API key (id or name)"},
      {"client", "CLIENT", "only events touching this client"},
      {"action", "RPC", "only this RPC, e.g. ClientService/GetClient"},
      {"outcome", "CODE", "only this outcome, e.g. OK or PERMISSION_DENIED"},
      {"from", "TIME", "at or after (RFC 3339; UTC unless an offset is given)"},
      {"to", "TIME", "before"},
  };
  spec.list_filter = EventFilters;
  spec.examples = {
      {"list",
       {"fasciactl audit list --org acme --all",
        "fasciactl audit list --org acme --outcome permission_denied --from 2026-12-01",
        "fasciactl audit list --org acme --client dana -o wide"}},
  };
  ResourceGroup group = MakeStandardGroup(spec);
  Command report;
  report.verb = "client-report";
  report.summary = "Who viewed or changed one client's data, and when";
  report.arguments = "CLIENT";
  report.min_args = report.max_args = 1;
  report.flags = ScopeFlags(Scope::kOrganization);
  report.flags.push_back({"from", "TIME", "from (RFC 3339; UTC unless an offset is given)"});
  report.flags.push_back({"to", "TIME", "until"});
  report.examples = {"fasciactl audit client-report dana --org demo"};
  report.run = RunClientReport;
  group.commands.push_back(report);
  Command verify;
  verify.verb = "verify";
  verify.summary = "Recompute the hash chain; exit 1 if it is broken";
  verify.flags = ScopeFlags(Scope::kOrganization);
  verify.examples = {"fasciactl audit verify --org acme"};
  verify.run = RunVerify;
  group.commands.push_back(verify);
  registry.Add(std::move(group));
}

}  // namespace fasciactl
