// ResourceType for Client (identity and contact only, for now).
#include "absl/strings/match.h"
#include "api/resource_types.h"

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
}

bool ClientMatches(const Client& c, const FilterTerm& term) {
  if (term.field == "family_name") return absl::EqualsIgnoreCase(c.family_name(), term.value);
  if (term.field == "email") return absl::EqualsIgnoreCase(c.email(), term.value);
  if (term.field == "phone") return c.phone() == term.value;
  return false;
}

}  // namespace

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
  return t;
}

}  // namespace fascia::api
