// `fasciactl clients ...`: client identity and contact details. `list` has
// shortcuts for the server's client filters (--family-name, --email, --phone).
// The clinical and rights verbs (health, export, erase) are added to the
// group by cmd_client_records.cc.
#include "absl/strings/str_cat.h"
#include "commands.h"
#include "fascia/v1/client_service.pb.h"
#include "resource.h"
#include "times.h"
#include "values.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

absl::Status ApplyClient(Invocation& inv, v1::Client& c, FieldPaths& paths) {
  const ParsedArgs& a = inv.args();
  struct TextFlag {
    const char* flag;
    void (v1::Client::*set)(const std::string&);
    const char* path;
  };
  for (const TextFlag& t : {TextFlag{"given-name", &v1::Client::set_given_name, "given_name"},
                            TextFlag{"family-name", &v1::Client::set_family_name, "family_name"},
                            TextFlag{"email", &v1::Client::set_email, "email"},
                            TextFlag{"phone", &v1::Client::set_phone, "phone"}}) {
    if (auto v = a.Find(t.flag)) {
      (c.*t.set)(*v);
      paths.Add(t.path);
    }
  }
  if (auto v = a.Find("birth-date")) {
    if (v->empty()) {
      c.clear_birth_date();
    } else {
      absl::StatusOr<v1::Date> date = ParseDate(*v);
      if (!date.ok())
        return absl::InvalidArgumentError("--birth-date: " + std::string(date.status().message()));
      *c.mutable_birth_date() = *date;
    }
    paths.Add("birth_date");
  }
  return absl::OkStatus();
}

// `clients list --email x` -> `email = "x"`, and so on.
absl::StatusOr<std::vector<std::string>> ClientFilters(Invocation& inv) {
  std::vector<std::string> clauses;
  for (auto [flag, field] : {std::make_pair("family-name", "family_name"),
                             std::make_pair("email", "email"), std::make_pair("phone", "phone")}) {
    if (auto v = inv.args().Find(flag)) {
      absl::StatusOr<std::string> clause = FilterClause(field, "=", *v);
      if (!clause.ok()) return clause.status();
      clauses.push_back(*clause);
    }
  }
  return clauses;
}

ResourceSpec ClientSpec() {
  ResourceSpec spec;
  spec.group = "clients";
  spec.aliases = {"client", "customers"};
  spec.kind = "client";
  spec.summary = "Clients: identity and contact details";
  spec.scope = Scope::kOrganization;
  spec.collection = "clients";
  spec.service = "fascia.v1.ClientService";
  spec.type = "Client";
  spec.plural = "Clients";
  spec.field = "client";
  spec.filter_help = "'family_name = \"Park\"', 'email = \"eli@example.com\"'";
  spec.columns = {
      Col<v1::Client>("ID", [](const v1::Client& c) { return LastSegment(c.name()); }),
      Col<v1::Client>("GIVEN NAME", [](const v1::Client& c) { return c.given_name(); }),
      Col<v1::Client>("FAMILY NAME", [](const v1::Client& c) { return c.family_name(); }),
      Col<v1::Client>("EMAIL", [](const v1::Client& c) { return c.email(); }),
      Col<v1::Client>("PHONE", [](const v1::Client& c) { return c.phone(); }),
      Col<v1::Client>(
          "BIRTH DATE",
          [](const v1::Client& c) { return c.has_birth_date() ? FormatDate(c.birth_date()) : ""; },
          kWide),
      Col<v1::Client>(
          "DELETED",
          [](const v1::Client& c) {
            return c.has_delete_time() ? FormatUtc(FromTimestamp(c.delete_time())) : "";
          },
          kWide),
      Col<v1::Client>(
          "NAME", [](const v1::Client& c) { return c.name(); }, kWide),
  };
  spec.field_flags = {
      {"given-name", "TEXT", "first name"},
      {"family-name", "TEXT", "last name"},
      {"email", "ADDRESS", "email address"},
      {"phone", "E164", "phone in E.164 form, e.g. +447700900123"},
      {"birth-date", "YYYY-MM-DD", "date of birth (\"\" clears on update)"},
  };
  spec.apply = ApplyFlags<v1::Client>(ApplyClient);
  spec.list_flags = {
      {"family-name", "TEXT", "only clients with this family name"},
      {"email", "ADDRESS", "only clients with this email (case-insensitive)"},
      {"phone", "E164", "only clients with this phone"},
  };
  spec.list_filter = ClientFilters;
  spec.create_flags = {
      {"confirm-not-duplicate", "",
       "create even if a client with the same name, birth date and phone or email exists "
       "(after a person has checked; else ALREADY_EXISTS POSSIBLE_DUPLICATE)"},
  };
  spec.examples = {
      {"list",
       {"fasciactl clients list --org demo",
        "fasciactl clients list --org demo --email dana@example.com"}},
      {"get", {"fasciactl clients get dana --org demo -o yaml"}},
      {"create",
       {"fasciactl clients create --org acme --id jo --given-name Jo --family-name Bloggs "
        "--email jo@example.com --phone +447700900456 --birth-date 1990-05-17",
        "fasciactl clients create --org acme --id jo-2 --given-name Jo --family-name Bloggs "
        "--phone +447700900456 --birth-date 1990-05-17 --confirm-not-duplicate"}},
      {"update", {"fasciactl clients update jo --org acme --phone +447700900789"}},
      {"delete", {"fasciactl clients delete jo --org acme"}},
  };
  return spec;
}

}  // namespace

void RegisterClientCommands(Registry& registry) {
  const ResourceSpec spec = ClientSpec();
  ResourceGroup group = MakeStandardGroup(spec);
  AddClientRecordCommands(group, spec);
  registry.Add(std::move(group));
}

}  // namespace fasciactl
