// Factories for the public gRPC services. Each service validates and
// converts; rules live in domain/, SQL in storage/.
//
// Thread-safety: services are registered with a sync gRPC server and called
// from many threads at once; they hold no mutable state of their own.
#ifndef FASCIA_API_SERVICES_H_
#define FASCIA_API_SERVICES_H_

#include <memory>

#include <grpcpp/impl/codegen/service_type.h>

#include "api/resource_crud.h"
#include "storage/database.h"

namespace fascia::api {

class AuditingDatabase;

struct ApiContext {
  // The database every service uses: an AuditingDatabase, so a call's audit
  // event commits in the call's write transaction.
  storage::Database* db = nullptr;
  AuditingDatabase* audit = nullptr;  // the same object, for standalone appends
  Clock clock;  // injected so tests can pin "now"
  // How long an erased client's clinical record stays restricted.
  absl::Duration clinical_retention = absl::Hours(24 * 3650);
};

std::unique_ptr<grpc::Service> NewOrganizationService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewLocationService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewStaffService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewCatalogService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewClientService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewAppointmentService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewAccessService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewAuditService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewConsentService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewNoteService(const ApiContext& ctx);

}  // namespace fascia::api

#endif  // FASCIA_API_SERVICES_H_
