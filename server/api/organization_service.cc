// fascia.v1.OrganizationService over ResourceCrud<Organization>.
#include "api/grpc_status.h"
#include "api/handle.h"
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
      : ctx_(ctx), orgs_(*ctx.db, OrganizationType(), ctx.clock) {}

  grpc::Status CreateOrganization(grpc::ServerContext* context, const v1::CreateOrganizationRequest* r, v1::Organization* out) override {
    return Handle(ctx_, context, "fascia.v1.OrganizationService/CreateOrganization", *r, [&](Caller& caller) {
      return Reply(orgs_.Create(caller, "", r->organization(), r->organization_id(), r->request_id()), out);
    });
  }
  grpc::Status GetOrganization(grpc::ServerContext* context, const v1::GetOrganizationRequest* r, v1::Organization* out) override {
    return Handle(ctx_, context, "fascia.v1.OrganizationService/GetOrganization", *r, [&](Caller& caller) {
      return Reply(orgs_.Get(caller, r->name()), out);
    });
  }
  // A key belongs to one organization, so the list is that organization.
  grpc::Status ListOrganizations(grpc::ServerContext* context, const v1::ListOrganizationsRequest* r,
                                 v1::ListOrganizationsResponse* out) override {
    return Handle(ctx_, context, "fascia.v1.OrganizationService/ListOrganizations", *r,
                  [&](Caller& caller) {
                    FieldViolations v;
                    if (r->page_size() < 0 || r->page_size() > 1000) {
                      v.Add("page_size", "must be between 0 and 1000");
                    }
                    if (!r->page_token().empty()) v.Add("page_token", "is not a page token of this list");
                    if (!v.empty()) return ToGrpcStatus(v.ToStatus());
                    return Reply(orgs_.Get(caller, caller.principal().organization),
                                 out->add_organizations());
                  });
  }
  grpc::Status UpdateOrganization(grpc::ServerContext* context, const v1::UpdateOrganizationRequest* r, v1::Organization* out) override {
    return Handle(ctx_, context, "fascia.v1.OrganizationService/UpdateOrganization", *r, [&](Caller& caller) {
      return Reply(orgs_.Update(caller, r->organization(), r->update_mask()), out);
    });
  }

 private:
  ApiContext ctx_;
  ResourceCrud<v1::Organization> orgs_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewOrganizationService(const ApiContext& ctx) {
  return std::make_unique<OrganizationServiceImpl>(ctx);
}

}  // namespace fascia::api
