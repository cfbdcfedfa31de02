// `fasciactl api-keys ...`: the AccessService. A key's secret is returned
// once, by create; `--key-file` writes it to a 0600 file (ready for
// `config set-context --api-key-file`) instead of printing it.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "commands.h"
#include "fascia/v1/access_service.pb.h"
#include "resource.h"
#include "times.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

std::string KeyScope(const v1::ApiKey& k) {
  if (!k.staff_member().empty()) return "staff/" + LastSegment(k.staff_member());
  if (k.locations().empty()) return "organization";
  std::vector<std::string> ids;
  for (const auto& l : k.locations()) ids.push_back(LastSegment(l));
  return absl::StrJoin(ids, ",");
}

std::string Time(const google::protobuf::Timestamp& t, bool set) {
  return set ? FormatUtc(FromTimestamp(t)) : "";
}

std::vector<Column> KeyColumns() {
  return {
      Col<v1::ApiKey>("ID", [](const v1::ApiKey& k) { return LastSegment(k.name()); }),
      Col<v1::ApiKey>("DISPLAY NAME", [](const v1::ApiKey& k) { return k.display_name(); }),
      Col<v1::ApiKey>("ROLE", [](const v1::ApiKey& k) { return v1::Role_Name(k.role()); }),
      Col<v1::ApiKey>("SCOPE", KeyScope),
      Col<v1::ApiKey>(
          "EXPIRES",
          [](const v1::ApiKey& k) { return Time(k.expire_time(), k.has_expire_time()); }),
      Col<v1::ApiKey>(
          "REVOKED",
          [](const v1::ApiKey& k) { return Time(k.revoke_time(), k.has_revoke_time()); }),
      Col<v1::ApiKey>(
          "CREATED", [](const v1::ApiKey& k) { return Time(k.create_time(), k.has_create_time()); },
          kWide),
      Col<v1::ApiKey>(
          "CREATED BY", [](const v1::ApiKey& k) { return LastSegment(k.created_by()); }, kWide),
      Col<v1::ApiKey>(
          "NAME", [](const v1::ApiKey& k) { return k.name(); }, kWide),
  };
}

int RunCreate(Invocation& inv) {
  const ParsedArgs& a = inv.args();
  absl::StatusOr<std::string> org = inv.Organization();
  if (!org.ok()) return inv.Fail(org.status());
  v1::CreateApiKeyRequest request;
  request.set_parent(*org);
  v1::ApiKey& key = *request.mutable_api_key();
  if (a.Has("from-file")) {
    if (absl::Status s = ReadJsonFile(a.Get("from-file"), &key); !s.ok()) return inv.Fail(s);
  }
  if (auto v = a.Find("display-name")) key.set_display_name(*v);
  if (auto v = a.Find("role")) {
    std::string role = absl::AsciiStrToUpper(*v);
    std::replace(role.begin(), role.end(), '-', '_');
    v1::Role parsed;
    if (!v1::Role_Parse(role, &parsed) || parsed == v1::ROLE_UNSPECIFIED) {
      return inv.UsageError(absl::StrCat("--role \"", *v,
                                         "\": use owner, manager, front-desk, therapist, "
                                         "integrator or auditor"));
    }
    key.set_role(parsed);
  }
  for (const std::string& location : a.GetList("locations")) {
    absl::StatusOr<std::string> name = inv.OrgChild("locations", location);
    if (!name.ok()) return inv.Fail(name.status());
    key.add_locations(*name);
  }
  if (auto v = a.Find("staff")) {
    absl::StatusOr<std::string> name = inv.OrgChild("staff", *v);
    if (!name.ok()) return inv.Fail(name.status());
    key.set_staff_member(*name);
  }
  if (a.Has("expire-time") && a.Has("expires-in"))
    return inv.UsageError("give --expire-time or --expires-in");
  if (auto v = a.Find("expire-time")) {
    absl::StatusOr<absl::Time> t = ParseTimeInZone(*v, absl::UTCTimeZone());
    if (!t.ok()) return inv.UsageError("--expire-time: " + std::string(t.status().message()));
    *key.mutable_expire_time() = ToTimestamp(*t);
  }
  if (auto v = a.Find("expires-in")) {
    absl::StatusOr<absl::Duration> d = ParseDurationFlag(*v);
    if (!d.ok()) return inv.UsageError("--expires-in: " + std::string(d.status().message()));
    *key.mutable_expire_time() = ToTimestamp(absl::Now() + *d);
  }
  v1::CreateApiKeyResponse response;
  if (!inv.Call("fascia.v1.AccessService.CreateApiKey", request, &response)) return inv.exit_code();

  const std::string secret = response.key();
  if (auto path = a.Find("key-file")) {
    if (absl::Status s = WritePrivateFile(AbsolutePath(*path), secret + "\n", "--key-file");
        !s.ok()) {
      // The key exists now; say so, or the admin cannot revoke it.
      inv.err() << "Error: " << s.message() << "\nThe key " << response.api_key().name()
                << " was created; revoke it with 'fasciactl api-keys revoke'.\n";
      return kExitUsage;
    }
    response.clear_key();
    inv.err() << "Key written to " << AbsolutePath(*path) << " (mode 0600).\n";
  }
  if (inv.format() == Format::kJson || inv.format() == Format::kYaml) {
    inv.printer().PrintOne(response, {});
    return kExitOk;
  }
  inv.printer().PrintOne(response.api_key(), KeyColumns());
  if (!response.key().empty()) {
    if (inv.format() != Format::kName) inv.err() << "The key is shown once; store it now:\n";
    inv.out() << response.key() << "\n";
  }
  return kExitOk;
}

int RunRevoke(Invocation& inv) {
  absl::StatusOr<std::string> name = inv.OrgChild("apiKeys", inv.Arg(0));
  if (!name.ok()) return inv.Fail(name.status());
  v1::RevokeApiKeyRequest request;
  request.set_name(*name);
  v1::ApiKey key;
  if (!inv.Call("fascia.v1.AccessService.RevokeApiKey", request, &key)) return inv.exit_code();
  inv.printer().PrintOne(key, KeyColumns());
  return kExitOk;
}

}  // namespace

void RegisterAccessCommands(Registry& registry) {
  ResourceSpec spec;
  spec.group = "api-keys";
  spec.aliases = {"api-key", "apikeys", "keys"};
  spec.kind = "API key";
  spec.summary = "API keys and their roles (OWNER only)";
  spec.details =
      "Roles: OWNER (the organization), MANAGER / FRONT_DESK / INTEGRATOR (--locations),\n"
      "THERAPIST (--staff), AUDITOR (the audit log). See docs/access.md.";
  spec.scope = Scope::kOrganization;
  spec.collection = "apiKeys";
  spec.service = "fascia.v1.AccessService";
  spec.type = "ApiKey";
  spec.plural = "ApiKeys";
  spec.field = "api_key";
  spec.columns = KeyColumns();
  spec.skip_verbs = {"create"};
  spec.list_flags = {{"show-revoked", "", "include revoked keys"}};
  spec.examples = {
      {"list",
       {"fasciactl api-keys list --org acme",
        "fasciactl api-keys list --org acme --show-revoked -o wide"}},
      {"get", {"fasciactl api-keys get KEY_ID --org acme"}},
  };
  ResourceGroup group = MakeStandardGroup(spec);

  Command create;
  create.verb = "create";
  create.summary = "Create a key; its secret is shown (or written) once";
  create.flags = ScopeFlags(Scope::kOrganization);
  create.flags.push_back({"display-name", "TEXT", "what the key is for (required)"});
  create.flags.push_back(
      {"role", "ROLE", "owner, manager, front-desk, therapist, integrator or auditor (required)"});
  create.flags.push_back(
      {"locations", "LIST", "locations in scope (manager, front-desk, integrator)", true});
  create.flags.push_back({"staff", "STAFF", "the staff member a therapist key acts as"});
  create.flags.push_back(
      {"expire-time", "TIME", "expiry, RFC 3339 (UTC unless an offset is given)"});
  create.flags.push_back({"expires-in", "DURATION", "expiry from now, e.g. 90d"});
  create.flags.push_back(
      {"key-file", "FILE", "write the secret here (mode 0600) instead of printing it"});
  create.flags.push_back({"from-file", "FILE", "the ApiKey as protobuf JSON; flags override it"});
  create.details =
      "Without --key-file the secret is printed on stdout after the key (-o json: the \"key\"\n"
      "field of the CreateApiKeyResponse). It cannot be read again.";
  create.examples = {
      "fasciactl api-keys create --org acme --display-name \"Soho front desk\" --role front-desk "
      "--locations soho --key-file soho-desk.key",
      "fasciactl api-keys create --org acme --display-name \"Ann's tablet\" --role therapist "
      "--staff ann "
      "--expires-in 90d",
      "fasciactl config set-context acme-desk --server fascia.example.com:443 --api-key-file "
      "soho-desk.key",
  };
  create.run = RunCreate;
  group.commands.insert(group.commands.begin() + 2, create);

  Command revoke;
  revoke.verb = "revoke";
  revoke.summary = "Revoke a key (at once, on every replica; idempotent)";
  revoke.arguments = "ID|NAME";
  revoke.min_args = revoke.max_args = 1;
  revoke.flags = ScopeFlags(Scope::kOrganization);
  revoke.examples = {"fasciactl api-keys revoke KEY_ID --org acme"};
  revoke.run = RunRevoke;
  group.commands.push_back(revoke);
  registry.Add(std::move(group));
}

}  // namespace fasciactl
