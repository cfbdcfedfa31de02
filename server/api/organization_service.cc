// fascia.v1.OrganizationService over ResourceCrud<Organization>.
#include "api/reply.h"
#include "api/resource_types.h"
#include "api/services.h"
#include "fascia/v1/organization_service.grpc.pb.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

class OrganizationServiceImpl final : public v1::OrganizationService::Service {
 public:
  explicit OrganizationServiceImpl(const ApiContext& ctx)
      : orgs_(*ctx.db, OrganizationType(), ctx.clock) {}

  grpc::Status CreateOrganization(grpc::ServerContext*, const v1::CreateOrganizationRequest* r,
                                  v1::Organization* out) override {
    return Reply(orgs_.Create("", r->organization(), r->organization_id(), r->request_id()), out);
  }
  grpc::Status GetOrganization(grpc::ServerContext*, const v1::GetOrganizationRequest* r,
                               v1::Organization* out) override {
    return Reply(orgs_.Get(r->name()), out);
  }
  grpc::Status ListOrganizations(grpc::ServerContext*, const v1::ListOrganizationsRequest* r,
                                 v1::ListOrganizationsResponse* out) override {
    return ReplyPage(orgs_.List("", r->page_size(), r->page_token(), "", false),
                     out->mutable_organizations(), out);
  }
  grpc::Status UpdateOrganization(grpc::ServerContext*, const v1::UpdateOrganizationRequest* r,
                                  v1::Organization* out) override {
    return Reply(orgs_.Update(r->organization(), r->update_mask()), out);
  }

 private:
  ResourceCrud<v1::Organization> orgs_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewOrganizationService(const ApiContext& ctx) {
  return std::make_unique<OrganizationServiceImpl>(ctx);
}

}  // namespace fascia::api
