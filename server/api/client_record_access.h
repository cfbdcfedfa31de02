// Checks shared by everything that reads or writes a client's clinical
// record (health history, consents, notes): the client must exist, and an
// erased client's record is restricted until its retention period ends.
#ifndef FASCIA_API_CLIENT_RECORD_ACCESS_H_
#define FASCIA_API_CLIENT_RECORD_ACCESS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "fascia/v1/resources.pb.h"
#include "storage/database.h"

namespace fascia::api {

// The client `client_name`, inside the caller's transaction: NOT_FOUND if it
// does not exist; FAILED_PRECONDITION (RECORD_RESTRICTED) if it was erased
// and `now` is before restricted_until.
absl::StatusOr<fascia::v1::Client> LoadUnrestrictedClient(storage::Connection& c,
                                                          const std::string& client_name,
                                                          absl::Time now);

}  // namespace fascia::api

#endif  // FASCIA_API_CLIENT_RECORD_ACCESS_H_
