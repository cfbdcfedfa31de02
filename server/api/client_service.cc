// fascia.v1.ClientService over ResourceCrud<Client>.
#include "api/handle.h"
#include "api/reply.h"
#include "api/resource_types.h"
#include "api/services.h"
#include "fascia/v1/client_service.grpc.pb.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

class ClientServiceImpl final : public v1::ClientService::Service {
 public:
  explicit ClientServiceImpl(const ApiContext& ctx) : ctx_(ctx), crud_(*ctx.db, ClientType(), ctx.clock) {}

  grpc::Status CreateClient(grpc::ServerContext* context, const v1::CreateClientRequest* r, v1::Client* out) override {
    return Handle(ctx_, context, "fascia.v1.ClientService/CreateClient", *r, [&](Caller& caller) {
      return Reply(crud_.Create(caller, r->parent(), r->client(), r->client_id(), r->request_id()), out);
    });
  }
  grpc::Status GetClient(grpc::ServerContext* context, const v1::GetClientRequest* r, v1::Client* out) override {
    return Handle(ctx_, context, "fascia.v1.ClientService/GetClient", *r, [&](Caller& caller) {
      return Reply(crud_.Get(caller, r->name()), out);
    });
  }
  grpc::Status ListClients(grpc::ServerContext* context, const v1::ListClientsRequest* r, v1::ListClientsResponse* out) override {
    return Handle(ctx_, context, "fascia.v1.ClientService/ListClients", *r, [&](Caller& caller) {
      return ReplyPage(
        crud_.List(caller, r->parent(), r->page_size(), r->page_token(), r->filter(), r->show_deleted()),
        out->mutable_clients(), out);
    });
  }
  grpc::Status UpdateClient(grpc::ServerContext* context, const v1::UpdateClientRequest* r, v1::Client* out) override {
    return Handle(ctx_, context, "fascia.v1.ClientService/UpdateClient", *r, [&](Caller& caller) {
      return Reply(crud_.Update(caller, r->client(), r->update_mask()), out);
    });
  }
  grpc::Status DeleteClient(grpc::ServerContext* context, const v1::DeleteClientRequest* r, v1::Client* out) override {
    return Handle(ctx_, context, "fascia.v1.ClientService/DeleteClient", *r, [&](Caller& caller) {
      return Reply(crud_.Delete(caller, r->name(), r->etag()), out);
    });
  }

 private:
  ApiContext ctx_;
  ResourceCrud<v1::Client> crud_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewClientService(const ApiContext& ctx) {
  return std::make_unique<ClientServiceImpl>(ctx);
}

}  // namespace fascia::api
