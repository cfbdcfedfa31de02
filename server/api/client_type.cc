// ResourceType for Client (identity, contact and insurance coverage).
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "api/insurance_settings.h"
#include "api/resource_types.h"
#include "domain/client_identity.h"

namespace fascia::api {
namespace {

using fascia::v1::Client;

bool LooksLikeEmail(const std::string& e) {
  size_t at = e.find('@');
  return at != std::string::npos && at > 0 && at == e.rfind('@') &&
         e.find('.', at) != std::string::npos && e.back() != '.' &&
         e.find(' ') == std::string::npos;
}

// E.164: '+', a non-zero digit, then 6..14 more digits.
bool IsE164(const std::string& p) {
  if (p.size() < 8 || p.size() > 16 || p[0] != '+' || p[1] < '1' || p[1] > '9') return false;
  for (size_t i = 2; i < p.size(); ++i) {
    if (p[i] < '0' || p[i] > '9') return false;
  }
  return true;
}

void ValidateClient(const Client& c, FieldViolations& v) {
  CheckText(c.preferred_name(), kMaxShortText, "client.preferred_name", v);
  const auto& address = c.address();
  CheckText(address.region_code(), 2, "client.address.region_code", v);
  if (address.address_lines_size() > 5) v.Add("client.address.address_lines", "has more than 5 lines");
  for (int i = 0; i < address.address_lines_size(); ++i) {
    CheckText(address.address_lines(i), kMaxShortText, absl::StrCat("client.address.address_lines[", i, "]"), v);
  }
  CheckText(address.locality(), kMaxShortText, "client.address.locality", v);
  CheckText(address.administrative_area(), kMaxShortText, "client.address.administrative_area", v);
  CheckText(address.postal_code(), 20, "client.address.postal_code", v);
  const auto& emergency = c.emergency_contact();
  CheckText(emergency.name(), kMaxShortText, "client.emergency_contact.name", v);
  CheckText(emergency.relationship(), 64, "client.emergency_contact.relationship", v);
  if (!emergency.phone().empty() && !IsE164(emergency.phone())) {
    v.Add("client.emergency_contact.phone", "must be an E.164 number such as +14155550100");
  }
  if (c.alerts_size() > 20) v.Add("client.alerts", "has more than 20 alerts");
  for (int i = 0; i < c.alerts_size(); ++i) {
    std::string field = absl::StrCat("client.alerts[", i, "]");
    if (CheckRequired(c.alerts(i), field, v)) CheckText(c.alerts(i), kMaxShortText, field, v);
  }
  if (!fascia::v1::PressurePreference_IsValid(c.pressure_preference())) {
    v.Add("client.pressure_preference", "is not a pressure preference");
  }
  if (!c.home_location().empty()) CheckName(c.home_location(), kLocationPattern, "client.home_location", v);
  if (CheckRequired(c.given_name(), "client.given_name", v)) {
    CheckText(c.given_name(), kMaxShortText, "client.given_name", v);
  }
  if (CheckRequired(c.family_name(), "client.family_name", v)) {
    CheckText(c.family_name(), kMaxShortText, "client.family_name", v);
  }
  if (c.has_birth_date()) CheckDate(c.birth_date(), "client.birth_date", v);
  if (!c.email().empty() && (c.email().size() > 254 || !LooksLikeEmail(c.email()))) {
    v.Add("client.email", "is not an email address");
  }
  if (!c.phone().empty() && !IsE164(c.phone())) {
    v.Add("client.phone", "must be an E.164 number such as +14155550100");
  }
  ValidateClientInsurance(c, v);
}

absl::Status CheckClientReferences(storage::Connection& c, const Client& client) {
  if (client.has_erase_time()) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "RECORD_RESTRICTED",
                       "this client's data was erased on request; the record cannot be changed");
  }
  if (client.home_location().empty()) return absl::OkStatus();
  if (NamePrefix(client.home_location(), 2) != NamePrefix(client.name(), 2)) {
    FieldViolations v;
    v.Add("client.home_location", "must be a location of the client's organization");
    return v.ToStatus();
  }
  return CheckReference(c, "location", client.home_location(), "client.home_location");
}

bool ClientMatches(const Client& c, const FilterTerm& term) {
  if (term.field == "family_name") return absl::EqualsIgnoreCase(c.family_name(), term.value);
  if (term.field == "email") return absl::EqualsIgnoreCase(c.email(), term.value);
  if (term.field == "phone") return c.phone() == term.value;
  return false;
}

}  // namespace

domain::PersonFacts PersonFactsOf(const Client& c) {
  domain::PersonFacts p{c.given_name(), c.family_name(), std::nullopt, c.phone(), c.email()};
  if (c.has_birth_date()) {
    p.birth_date = absl::CivilDay(c.birth_date().year(), c.birth_date().month(), c.birth_date().day());
  }
  return p;
}

std::string ClientIdentityKey(const Client& c) { return domain::IdentityKey(PersonFactsOf(c)); }

ResourceType<Client> ClientType() {
  ResourceType<Client> t;
  t.kind = "client";
  t.pattern = kClientPattern;
  t.parent_kind = "organization";
  t.parent_pattern = kOrganizationPattern;
  t.collection = "clients";
  t.field = "client";
  t.validate = ValidateClient;
  t.filter_schema = {{"family_name", {"="}}, {"email", {"="}}, {"phone", {"="}}};
  t.matches = ClientMatches;
  t.client_record = true;
  t.check_references = CheckClientReferences;
  t.lookup_key = ClientIdentityKey;
  t.output_only = {"erase_time", "restricted_until", "erase_reason"};
  return t;
}

}  // namespace fascia::api
