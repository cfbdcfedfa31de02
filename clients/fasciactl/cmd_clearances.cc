// `fasciactl clearances create|list|get`: written clearances from a
// physician or other provider, under organizations/{org}/clients/{client}/
// clearances. A clearance satisfies the REQUIRES_CLEARANCE findings of the
// rules it names (PN-5, GN-SURG, ...) on visit dates inside its validity;
// all three verbs are the generic resource verbs (--client names the
// parent). The server names clearances, so create takes no id.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "fascia/v1/intake.pb.h"
#include "resource.h"
#include "times.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

absl::Status ApplyClearance(Invocation& inv, v1::Clearance& c, FieldPaths& paths) {
  const ParsedArgs& a = inv.args();
  if (a.Has("rule")) {
    c.clear_rule_ids();
    for (const std::string& rule : a.GetList("rule")) c.add_rule_ids(rule);
    paths.Add("rule_ids");
  }
  for (auto [flag, field] :
       {std::make_pair("provider", "provider_name"),
        std::make_pair("provider-id", "provider_identifier"),
        std::make_pair("document", "document_reference"), std::make_pair("note", "note")}) {
    if (auto v = a.Find(flag)) {
      SetStringField(c, field, *v);
      paths.Add(field);
    }
  }
  struct DateFlag {
    const char* flag;
    v1::Date* (v1::Clearance::*field)();
    const char* path;
  };
  for (const DateFlag& d :
       {DateFlag{"valid-from", &v1::Clearance::mutable_valid_from, "valid_from"},
        DateFlag{"valid-to", &v1::Clearance::mutable_valid_to, "valid_to"}}) {
    if (auto v = a.Find(d.flag)) {
      absl::StatusOr<v1::Date> parsed = ParseDate(*v);
      if (!parsed.ok())
        return absl::InvalidArgumentError(
            absl::StrCat("--", d.flag, ": ", parsed.status().message()));
      *(c.*d.field)() = *parsed;
      paths.Add(d.path);
    }
  }
  return absl::OkStatus();
}

ResourceSpec ClearanceSpec() {
  using C = v1::Clearance;
  ResourceSpec spec;
  spec.group = "clearances";
  spec.aliases = {"clearance"};
  spec.kind = "clearance";
  spec.summary = "Written provider clearances for screening rules (PN-5, GN-SURG, ...)";
  spec.details =
      "Clearances live under a client: give --client (id or name) with a short clearance id,\n"
      "or the clearance's full name. A clearance satisfies REQUIRES_CLEARANCE findings of the\n"
      "rules it names for visits from --valid-from to --valid-to (inclusive, local dates).";
  spec.scope = Scope::kClient;
  spec.collection = "clearances";
  spec.service = "fascia.v1.IntakeService";
  spec.type = "Clearance";
  spec.plural = "Clearances";
  spec.field = "clearance";
  spec.columns = {
      Col<C>("ID", [](const C& c) { return LastSegment(c.name()); }),
      Col<C>("CLIENT", [](const C& c) { return LastSegment(ClientOf(c.name())); }),
      Col<C>("RULES", [](const C& c) { return absl::StrJoin(c.rule_ids(), ","); }),
      Col<C>("PROVIDER", [](const C& c) { return c.provider_name(); }),
      Col<C>("VALID FROM",
             [](const C& c) { return c.has_valid_from() ? FormatDate(c.valid_from()) : ""; }),
      Col<C>("VALID TO",
             [](const C& c) { return c.has_valid_to() ? FormatDate(c.valid_to()) : ""; }),
      Col<C>("DOCUMENT", [](const C& c) { return c.document_reference(); }),
      Col<C>(
          "PROVIDER ID", [](const C& c) { return c.provider_identifier(); }, kWide),
      Col<C>(
          "NOTE", [](const C& c) { return c.note(); }, kWide),
      Col<C>(
          "RECORDED BY", [](const C& c) { return LastSegment(c.recorded_by()); }, kWide),
      Col<C>(
          "CREATED",
          [](const C& c) { return FormatUtcOrEmpty(c.create_time(), c.has_create_time()); }, kWide),
      Col<C>(
          "NAME", [](const C& c) { return c.name(); }, kWide),
  };
  spec.field_flags = {
      {"rule", "RULE",
       "a rule the clearance covers, e.g. PN-5 (repeatable, or comma-separated) (required)",
       /*repeated=*/true},
      {"provider", "NAME", "the clearing physician or provider, e.g. \"Dr. Obi\" (required)"},
      {"provider-id", "ID", "the provider's identifier, e.g. an NPI or licence number"},
      {"document", "REF", "where the signed document is kept, e.g. scan-2026-0042 (required)"},
      {"valid-from", "DATE", "first day it is valid, YYYY-MM-DD (required)"},
      {"valid-to", "DATE", "last day it is valid, YYYY-MM-DD (required)"},
      {"note", "TEXT", "anything the next therapist should know"},
  };
  spec.apply = ApplyFlags<v1::Clearance>(ApplyClearance);
  spec.examples = {
      {"list",
       {"fasciactl clearances list --org acme --client jo",
        "fasciactl clearances list --org acme --client jo -o wide"}},
      {"get",
       {"fasciactl clearances get ID --org acme --client jo",
        "fasciactl clearances get organizations/acme/clients/jo/clearances/ID -o yaml"}},
      {"create",
       {"fasciactl clearances create --org acme --client jo --rule PN-5 --provider \"Dr. Obi\" "
        "--provider-id 1234567890 --document scan-2026-0042 --valid-from 2026-11-01 "
        "--valid-to 2027-01-31 --note \"side-lying only\""}},
  };
  return spec;
}

}  // namespace

void RegisterClearanceCommands(Registry& registry) {
  registry.Add(MakeStandardGroup(ClearanceSpec()));
}

}  // namespace fasciactl
