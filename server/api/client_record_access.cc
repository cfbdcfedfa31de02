// Clinical record restriction checks; see client_record_access.h.
#include "api/client_record_access.h"

#include "api/field_checks.h"
#include "api/resource_types.h"

namespace fascia::api {

absl::StatusOr<fascia::v1::Client> LoadUnrestrictedClient(storage::Connection& c,
                                                          const std::string& client_name,
                                                          absl::Time now) {
  ASSIGN_OR_RETURN(auto row, storage::ResourceRepository("client").Get(c, client_name));
  if (!row) return NotFound("client", client_name);
  fascia::v1::Client client;
  if (!client.ParseFromString(row->data)) return absl::DataLossError("stored client cannot be parsed");
  if (client.has_restricted_until() && now < ToTime(client.restricted_until())) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "RECORD_RESTRICTED",
                       "this client's record is restricted after an erasure request");
  }
  return client;
}

}  // namespace fascia::api
