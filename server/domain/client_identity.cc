// Duplicate-client rule; see client_identity.h.
#include "domain/client_identity.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace fascia::domain {

std::string IdentityKey(const PersonFacts& p) {
  if (!p.birth_date) return "";
  return absl::StrCat(absl::AsciiStrToLower(p.family_name), "|", absl::AsciiStrToLower(p.given_name),
                      "|", p.birth_date->year(), "-", p.birth_date->month(), "-", p.birth_date->day());
}

bool SameContact(const PersonFacts& a, const PersonFacts& b) {
  const bool same_phone = !a.phone.empty() && a.phone == b.phone;
  const bool same_email =
      !a.email.empty() && absl::AsciiStrToLower(a.email) == absl::AsciiStrToLower(b.email);
  return same_phone || same_email;
}

}  // namespace fascia::domain
