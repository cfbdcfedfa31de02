// fascia.v1.CatalogService over ResourceCrud<Service>.
#include "api/handle.h"
#include "api/reply.h"
#include "api/resource_types.h"
#include "api/services.h"
#include "fascia/v1/catalog_service.grpc.pb.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

class CatalogServiceImpl final : public v1::CatalogService::Service {
 public:
  explicit CatalogServiceImpl(const ApiContext& ctx) : ctx_(ctx), crud_(*ctx.db, ServiceType(), ctx.clock) {}

  grpc::Status CreateService(grpc::ServerContext* context, const v1::CreateServiceRequest* r, v1::Service* out) override {
    return Handle(ctx_, context, "fascia.v1.CatalogService/CreateService", *r, [&](Caller& caller) {
      return Reply(crud_.Create(caller, r->parent(), r->service(), r->service_id(), r->request_id()), out);
    });
  }
  grpc::Status GetService(grpc::ServerContext* context, const v1::GetServiceRequest* r, v1::Service* out) override {
    return Handle(ctx_, context, "fascia.v1.CatalogService/GetService", *r, [&](Caller& caller) {
      return Reply(crud_.Get(caller, r->name()), out);
    });
  }
  grpc::Status ListServices(grpc::ServerContext* context, const v1::ListServicesRequest* r, v1::ListServicesResponse* out) override {
    return Handle(ctx_, context, "fascia.v1.CatalogService/ListServices", *r, [&](Caller& caller) {
      return ReplyPage(
        crud_.List(caller, r->parent(), r->page_size(), r->page_token(), r->filter(), r->show_deleted()),
        out->mutable_services(), out);
    });
  }
  grpc::Status UpdateService(grpc::ServerContext* context, const v1::UpdateServiceRequest* r, v1::Service* out) override {
    return Handle(ctx_, context, "fascia.v1.CatalogService/UpdateService", *r, [&](Caller& caller) {
      return Reply(crud_.Update(caller, r->service(), r->update_mask()), out);
    });
  }
  grpc::Status DeleteService(grpc::ServerContext* context, const v1::DeleteServiceRequest* r, v1::Service* out) override {
    return Handle(ctx_, context, "fascia.v1.CatalogService/DeleteService", *r, [&](Caller& caller) {
      return Reply(crud_.Delete(caller, r->name(), r->etag()), out);
    });
  }

 private:
  ApiContext ctx_;
  ResourceCrud<v1::Service> crud_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewCatalogService(const ApiContext& ctx) {
  return std::make_unique<CatalogServiceImpl>(ctx);
}

}  // namespace fascia::api
