// The authorization target for a client's consents and clinical record:
// the client's organization, plus, for THERAPIST callers, whether their staff
// member treats the client (domain/access_policy.h). Reading that
// relationship before authorizing reveals nothing outside the caller's own
// organization: it is only computed when the organizations match.
#ifndef FASCIA_API_CLIENT_RECORD_TARGET_H_
#define FASCIA_API_CLIENT_RECORD_TARGET_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "domain/access_policy.h"
#include "storage/database.h"

namespace fascia::api {

// `client` is organizations/{org}/clients/{client} (anything longer, such as
// a consent or note name, is cut to it).
absl::StatusOr<domain::Target> ClientRecordTarget(storage::Database& db, const Caller& caller,
                                                  const std::string& name);

// The client a name under organizations/{org}/clients/{client}/... belongs to.
std::string ClientOf(const std::string& name);

}  // namespace fascia::api

#endif  // FASCIA_API_CLIENT_RECORD_TARGET_H_
