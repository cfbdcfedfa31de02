// A client's rights over their data: export everything held about them, and
// erasure (delete non-clinical data, restrict the clinical record until the
// retention period ends). Both are OWNER-only and audited (method_policy.cc).
#ifndef FASCIA_API_CLIENT_RIGHTS_H_
#define FASCIA_API_CLIENT_RIGHTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "api/services.h"
#include "fascia/v1/client_service.pb.h"

namespace fascia::api {

class ClientRights {
 public:
  explicit ClientRights(const ApiContext& ctx) : ctx_(ctx) {}

  // Client, health history, consents, every version of every note, and
  // appointments, as one ClientDataExport (works on erased clients too: the
  // right of access survives restriction).
  absl::StatusOr<fascia::v1::ClientDataExport> Export(Caller& caller, const std::string& name);

  // Clears contact details, address, emergency contact, preferences and
  // insurance coverage, deletes marketing consents, and sets erase_time /
  // restricted_until. Names and date of birth stay: the retained clinical
  // record must stay identifiable. Idempotent: erasing again returns the erased client.
  absl::StatusOr<fascia::v1::Client> Erase(Caller& caller, const std::string& name,
                                           const std::string& reason);

 private:
  ApiContext ctx_;
};

}  // namespace fascia::api

#endif  // FASCIA_API_CLIENT_RIGHTS_H_
