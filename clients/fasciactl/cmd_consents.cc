// `fasciactl consents list|get|create|revoke`: a client's consents
// (treatment, prenatal waiver, marketing opt-in), under
// organizations/{org}/clients/{client}/consents. list/get/create come from
// the generic resource verbs (--client names the parent); revoke keeps the
// record and needs a reason.
//
// --signed-at is local time in the client's home location's zone (fasciactl
// reads the client, then the location); a client without a home location
// uses UTC. An explicit offset or Z is taken as given; the default is now.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "commands.h"
#include "fascia/v1/client_service.pb.h"
#include "fascia/v1/consent_service.pb.h"
#include "resource.h"
#include "times.h"
#include "values.h"
#include "zones.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

// The zone --signed-at is typed in: the client's home location's, else UTC.
absl::StatusOr<LocationZone> ClientZone(Invocation& inv, const std::string& client) {
  v1::GetClientRequest request;
  request.set_name(client);
  v1::Client c;
  if (!inv.Call("fascia.v1.ClientService.GetClient", request, &c)) {
    return absl::InternalError("cannot read the client");  // already reported
  }
  if (c.home_location().empty()) return LocationZone{absl::UTCTimeZone(), "UTC"};
  return ZoneOfLocation(inv, c.home_location());
}

absl::Status ApplyConsent(Invocation& inv, v1::Consent& c, FieldPaths& paths) {
  const ParsedArgs& a = inv.args();
  if (auto v = a.Find("kind")) {
    absl::StatusOr<int> kind = ParseEnumFlag("--kind", *v, v1::ConsentKind_descriptor());
    if (!kind.ok()) return kind.status();
    c.set_kind(static_cast<v1::ConsentKind>(*kind));
    paths.Add("kind");
  }
  if (auto v = a.Find("method")) {
    absl::StatusOr<int> method = ParseEnumFlag("--method", *v, v1::SignatureMethod_descriptor());
    if (!method.ok()) return method.status();
    c.set_method(static_cast<v1::SignatureMethod>(*method));
    paths.Add("method");
  }
  if (auto v = a.Find("text-version")) {
    c.set_text_version(*v);
    paths.Add("text_version");
  }
  if (auto v = a.Find("signer")) {
    c.set_signer(*v);
    paths.Add("signer");
  }
  if (auto v = a.Find("signed-at")) {
    LocationZone zone{absl::UTCTimeZone(), "UTC"};
    if (!HasExplicitOffset(*v) && *v != "now") {
      if (!a.Has("client")) return absl::InvalidArgumentError("--client is required");
      absl::StatusOr<std::string> client = inv.OrgChild("clients", a.Get("client"));
      if (!client.ok()) return client.status();
      absl::StatusOr<LocationZone> z = ClientZone(inv, *client);
      if (!z.ok()) return z.status();
      zone = *z;
    }
    absl::StatusOr<absl::Time> t = ParseTimeFlag(inv, "signed-at", zone);
    if (!t.ok()) return t.status();
    *c.mutable_sign_time() = ToTimestamp(*t);
    paths.Add("sign_time");
  } else if (!c.has_sign_time()) {
    *c.mutable_sign_time() = ToTimestamp(absl::Now());
  }
  return absl::OkStatus();
}

ResourceSpec ConsentSpec() {
  ResourceSpec spec;
  spec.group = "consents";
  spec.aliases = {"consent"};
  spec.kind = "consent";
  spec.summary = "A client's consents: treatment, prenatal waiver, marketing opt-in";
  spec.details =
      "Consents live under a client: give --client (id or name) with a short consent id, or the\n"
      "consent's full name. Revoking keeps the record (revoke time and reason are added).";
  spec.scope = Scope::kClient;
  spec.collection = "consents";
  spec.service = "fascia.v1.ConsentService";
  spec.type = "Consent";
  spec.plural = "Consents";
  spec.field = "consent";
  spec.filter_help = "'kind = MARKETING'";
  spec.columns = {
      Col<v1::Consent>("ID", [](const v1::Consent& c) { return LastSegment(c.name()); }),
      Col<v1::Consent>("CLIENT",
                       [](const v1::Consent& c) { return LastSegment(ClientOf(c.name())); }),
      Col<v1::Consent>(
          "KIND",
          [](const v1::Consent& c) { return FormatEnumLabel(v1::ConsentKind_Name(c.kind())); }),
      Col<v1::Consent>("TEXT VERSION", [](const v1::Consent& c) { return c.text_version(); }),
      Col<v1::Consent>("SIGNER", [](const v1::Consent& c) { return c.signer(); }),
      Col<v1::Consent>(
          "SIGNED",
          [](const v1::Consent& c) { return FormatUtcOrEmpty(c.sign_time(), c.has_sign_time()); }),
      Col<v1::Consent>("METHOD",
                       [](const v1::Consent& c) {
                         return FormatEnumLabel(v1::SignatureMethod_Name(c.method()));
                       }),
      Col<v1::Consent>("REVOKED",
                       [](const v1::Consent& c) {
                         return FormatUtcOrEmpty(c.revoke_time(), c.has_revoke_time());
                       }),
      Col<v1::Consent>(
          "REVOKE REASON", [](const v1::Consent& c) { return c.revoke_reason(); }, kWide),
      Col<v1::Consent>(
          "RECORDED BY", [](const v1::Consent& c) { return LastSegment(c.recorded_by()); }, kWide),
      Col<v1::Consent>(
          "NAME", [](const v1::Consent& c) { return c.name(); }, kWide),
  };
  spec.field_flags = {
      {"kind", "KIND", "treatment, prenatal-waiver or marketing (required)"},
      {"text-version", "VERSION",
       "the version of the consent text agreed, e.g. 2026-01 (required)"},
      {"signer", "NAME", "who signed: the client, or a guardian (required)"},
      {"signed-at", "TIME",
       "when, local time in the client's home location zone (UTC without one), e.g. "
       "2026-11-20T14:30; an offset or Z is taken as given (default: now)"},
      {"method", "METHOD", "written, electronic or verbal (recorded by staff) (required)"},
  };
  spec.apply = ApplyFlags<v1::Consent>(ApplyConsent);
  spec.list_flags = {{"kind", "KIND", "only this kind: treatment, prenatal-waiver, marketing"}};
  spec.list_filter = [](Invocation& inv) -> absl::StatusOr<std::vector<std::string>> {
    std::vector<std::string> clauses;
    if (auto v = inv.args().Find("kind")) {
      absl::StatusOr<int> kind = ParseEnumFlag("--kind", *v, v1::ConsentKind_descriptor());
      if (!kind.ok()) return kind.status();
      clauses.push_back("kind = " + v1::ConsentKind_Name(static_cast<v1::ConsentKind>(*kind)));
    }
    return clauses;
  };
  spec.examples = {
      {"list",
       {"fasciactl consents list --org acme --client jo",
        "fasciactl consents list --org acme --client jo --kind marketing -o wide"}},
      {"get",
       {"fasciactl consents get ID --org acme --client jo",
        "fasciactl consents get organizations/acme/clients/jo/consents/ID -o yaml"}},
      {"create",
       {"fasciactl consents create --org acme --client jo --kind treatment --text-version 2026-01 "
        "--signer \"Jo Bloggs\" --signed-at 2026-11-20T14:30 --method written",
        "fasciactl consents create --org acme --client jo --kind marketing --text-version v3 "
        "--signer \"Jo Bloggs\" --method electronic"}},
  };
  return spec;
}

}  // namespace

void RegisterConsentCommands(Registry& registry) {
  const ResourceSpec spec = ConsentSpec();
  ResourceGroup group = MakeStandardGroup(spec);
  group.commands.push_back(NamedActionCommand(
      spec, "revoke", "RevokeConsent", "Revoke a consent (the record stays, with the reason)",
      ReasonFlag::kRequired,
      {"fasciactl consents revoke ID --org acme --client jo --reason \"client withdrew by email\"",
       "fasciactl consents revoke organizations/acme/clients/jo/consents/ID --reason "
       "\"opted out\""}));
  registry.Add(std::move(group));
}

}  // namespace fasciactl
