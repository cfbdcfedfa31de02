// Client-record authorization targets; see client_record_target.h.
#include "api/client_record_target.h"

#include "api/resource_names.h"
#include "api/target.h"
#include "common/status_macros.h"
#include "fascia/v1/resources.pb.h"
#include "storage/appointment_repository.h"

namespace fascia::api {

std::string ClientOf(const std::string& name) { return NamePrefix(name, 4); }

absl::StatusOr<domain::Target> ClientRecordTarget(storage::Database& db, const Caller& caller,
                                                  const std::string& name) {
  domain::Target target = TargetOf(name);
  const domain::Principal& p = caller.principal();
  if (p.role != domain::Role::kTherapist || target.organization != p.organization) return target;
  const std::string client = ClientOf(name);
  bool treats = false;
  RETURN_IF_ERROR(db.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(treats, storage::AppointmentRepository().Treats(
                                 c, p.staff_member, client, fascia::v1::ENTERED_IN_ERROR));
    return absl::OkStatus();
  }));
  target.caller_treats_client = treats;
  return target;
}

}  // namespace fascia::api
