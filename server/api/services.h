// Factories for the public gRPC services. Each service validates and
// converts; rules live in domain/, SQL in storage/.
//
// Thread-safety: services are registered with a sync gRPC server and called
// from many threads at once; they hold no mutable state of their own.
#ifndef FASCIA_API_SERVICES_H_
#define FASCIA_API_SERVICES_H_

#include <memory>

#include <grpcpp/impl/codegen/service_type.h>

#include "api/api_key_cache.h"
#include "api/resource_crud.h"
#include "domain/screening/general_rules.h"
#include "plugins/plugin_registry.h"
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
  // Screening: the loaded plugins (never null once the app is built; an
  // empty registry screens nothing), the core rules' thresholds, and how
  // long a screening lets a client be booked.
  const plugins::PluginRegistry* plugins = nullptr;
  screening::GeneralSettings general_screening;
  absl::Duration screening_validity = absl::Hours(24 * 7);
  // Recently authenticated API keys (null: every call reads its key).
  ApiKeyCache* api_keys = nullptr;
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
std::unique_ptr<grpc::Service> NewIntakeService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewPluginService(const ApiContext& ctx);
std::unique_ptr<grpc::Service> NewBillingService(const ApiContext& ctx);

}  // namespace fascia::api

#endif  // FASCIA_API_SERVICES_H_
