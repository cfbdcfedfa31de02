// `fasciactl organizations ...`: clinic chains. The API has no delete for
// organizations, so neither does the CLI.
#include "commands.h"
#include "fascia/v1/organization_service.pb.h"
#include "resource.h"
#include "times.h"

namespace fasciactl {

namespace v1 = fascia::v1;

void RegisterOrganizationCommands(Registry& registry) {
  ResourceSpec spec;
  spec.group = "organizations";
  spec.aliases = {"organization", "orgs", "org"};
  spec.kind = "organization";
  spec.summary = "Clinic chains; everything else lives inside one";
  spec.details =
      "A chain and its first OWNER key are made on the server with\n"
      "  fasciad bootstrap --organization=ID --key-file=owner.key\n"
      "(CreateOrganization needs platform-admin rights that no API key has).";
  spec.scope = Scope::kGlobal;
  spec.collection = "organizations";
  spec.service = "fascia.v1.OrganizationService";
  spec.type = "Organization";
  spec.plural = "Organizations";
  spec.field = "organization";
  spec.columns = {
      Col<v1::Organization>("ID", [](const v1::Organization& o) { return LastSegment(o.name()); }),
      Col<v1::Organization>("DISPLAY NAME",
                            [](const v1::Organization& o) { return o.display_name(); }),
      Col<v1::Organization>(
          "CREATED",
          [](const v1::Organization& o) {
            return o.has_create_time() ? FormatUtc(FromTimestamp(o.create_time())) : "";
          },
          kWide),
      Col<v1::Organization>(
          "NAME", [](const v1::Organization& o) { return o.name(); }, kWide),
  };
  spec.field_flags = {{"display-name", "TEXT", "the chain's name as people say it"}};
  spec.apply =
      ApplyFlags<v1::Organization>([](Invocation& inv, v1::Organization& o, FieldPaths& paths) {
        if (auto v = inv.args().Find("display-name")) {
          o.set_display_name(*v);
          paths.Add("display_name");
        }
        return absl::OkStatus();
      });
  spec.examples = {
      {"list", {"fasciactl organizations list", "fasciactl organizations list --all -o json"}},
      {"get",
       {"fasciactl organizations get acme",
        "fasciactl organizations get organizations/acme -o yaml"}},
      {"create",
       {"fasciactl organizations create --id acme --display-name \"Acme Massage\"   "
        "# platform admin only; see 'fasciad bootstrap'"}},
      {"update", {"fasciactl organizations update acme --display-name \"Acme Massage & Spa\""}},
  };
  registry.Add(MakeStandardGroup(spec));
}

}  // namespace fasciactl
