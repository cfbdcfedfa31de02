// When two client records may be the same person (duplicate detection on
// create): the same family and given name, case-insensitive, the same date of
// birth, and the same phone or email. A record without a date of birth is
// never flagged: a name alone is too weak.
#ifndef FASCIA_DOMAIN_CLIENT_IDENTITY_H_
#define FASCIA_DOMAIN_CLIENT_IDENTITY_H_

#include <optional>
#include <string>

#include "absl/time/civil_time.h"

namespace fascia::domain {

struct PersonFacts {
  std::string given_name;
  std::string family_name;
  std::optional<absl::CivilDay> birth_date;
  std::string phone;
  std::string email;
};

// A key equal for records that share name and date of birth; "" without a
// date of birth. Storage indexes it to find candidates without a scan.
std::string IdentityKey(const PersonFacts& person);

// Whether two records with equal IdentityKey share a phone or an email.
bool SameContact(const PersonFacts& a, const PersonFacts& b);

}  // namespace fascia::domain

#endif  // FASCIA_DOMAIN_CLIENT_IDENTITY_H_
