// fascia.v1.ClientService: client identity and contact (ResourceCrud), with
// duplicate detection on create, the health history singleton, and the
// client's rights (export, erasure).
#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "api/client_rights.h"
#include "api/grpc_status.h"
#include "api/handle.h"
#include "api/health_history.h"
#include "api/reply.h"
#include "api/resource_types.h"
#include "api/services.h"
#include "fascia/v1/client_service.grpc.pb.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

std::string Method(absl::string_view name) { return absl::StrCat("fascia.v1.ClientService/", name); }

// Refuses a client who looks like one already on file: same name and date of
// birth, and the same phone or email. A person confirms to create anyway.
absl::Status RefuseDuplicate(storage::Connection& c, const v1::Client& client) {
  const std::string key = ClientIdentityKey(client);
  if (key.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(auto candidates,
                   storage::ResourceRepository("client").FindByLookupKey(c, NamePrefix(client.name(), 2), key));
  for (const auto& row : candidates) {
    v1::Client existing;
    if (!existing.ParseFromString(row.data)) continue;
    if (domain::SameContact(PersonFactsOf(client), PersonFactsOf(existing))) {
      return ReasonError(absl::StatusCode::kAlreadyExists, "POSSIBLE_DUPLICATE",
                         absl::StrCat("this looks like existing client \"", existing.name(),
                                      "\" (same name, date of birth, and phone or email);"
                                      " set confirm_not_duplicate after checking"));
    }
  }
  return absl::OkStatus();
}

class ClientServiceImpl final : public v1::ClientService::Service {
 public:
  explicit ClientServiceImpl(const ApiContext& ctx)
      : ctx_(ctx), crud_(*ctx.db, ClientType(), ctx.clock), history_(ctx), rights_(ctx) {}

  grpc::Status CreateClient(grpc::ServerContext* context, const v1::CreateClientRequest* r,
                            v1::Client* out) override {
    return Handle(ctx_, context, Method("CreateClient"), *r, [&](Caller& caller) {
      BeforeInsert<v1::Client> check = nullptr;
      if (!r->confirm_not_duplicate()) check = RefuseDuplicate;
      return Reply(crud_.Create(caller, r->parent(), r->client(), r->client_id(), r->request_id(), check),
                   out);
    });
  }
  grpc::Status GetClient(grpc::ServerContext* context, const v1::GetClientRequest* r,
                         v1::Client* out) override {
    return Handle(ctx_, context, Method("GetClient"), *r,
                  [&](Caller& caller) { return Reply(crud_.Get(caller, r->name()), out); });
  }
  grpc::Status ListClients(grpc::ServerContext* context, const v1::ListClientsRequest* r,
                           v1::ListClientsResponse* out) override {
    return Handle(ctx_, context, Method("ListClients"), *r, [&](Caller& caller) {
      return ReplyPage(crud_.List(caller, r->parent(), r->page_size(), r->page_token(), r->filter(),
                                  r->show_deleted()),
                       out->mutable_clients(), out);
    });
  }
  grpc::Status UpdateClient(grpc::ServerContext* context, const v1::UpdateClientRequest* r,
                            v1::Client* out) override {
    return Handle(ctx_, context, Method("UpdateClient"), *r, [&](Caller& caller) {
      return Reply(crud_.Update(caller, r->client(), r->update_mask()), out);
    });
  }
  grpc::Status DeleteClient(grpc::ServerContext* context, const v1::DeleteClientRequest* r,
                            v1::Client* out) override {
    return Handle(ctx_, context, Method("DeleteClient"), *r,
                  [&](Caller& caller) { return Reply(crud_.Delete(caller, r->name(), r->etag()), out); });
  }

  grpc::Status GetHealthHistory(grpc::ServerContext* context, const v1::GetHealthHistoryRequest* r,
                                v1::HealthHistory* out) override {
    return Handle(ctx_, context, Method("GetHealthHistory"), *r,
                  [&](Caller& caller) { return Reply(history_.Get(caller, r->name()), out); });
  }
  grpc::Status UpdateHealthHistory(grpc::ServerContext* context,
                                   const v1::UpdateHealthHistoryRequest* r,
                                   v1::HealthHistory* out) override {
    return Handle(ctx_, context, Method("UpdateHealthHistory"), *r, [&](Caller& caller) {
      return Reply(history_.Update(caller, r->health_history(), r->update_mask()), out);
    });
  }

  grpc::Status ExportClientData(grpc::ServerContext* context, const v1::ExportClientDataRequest* r,
                                v1::ExportClientDataResponse* out) override {
    return Handle(ctx_, context, Method("ExportClientData"), *r, [&](Caller& caller) {
      auto exported = rights_.Export(caller, r->name());
      if (!exported.ok()) return ToGrpcStatus(exported.status());
      google::protobuf::util::JsonPrintOptions options;
      options.add_whitespace = true;
      std::string json;
      auto printed = google::protobuf::util::MessageToJsonString(*exported, &json, options);
      if (!printed.ok()) return ToGrpcStatus(absl::InternalError("export could not be encoded"));
      out->set_json(std::move(json));
      return grpc::Status::OK;
    });
  }

  grpc::Status EraseClient(grpc::ServerContext* context, const v1::EraseClientRequest* r,
                           v1::Client* out) override {
    return Handle(ctx_, context, Method("EraseClient"), *r, [&](Caller& caller) {
      return Reply(rights_.Erase(caller, r->name(), r->reason()), out);
    });
  }

 private:
  ApiContext ctx_;
  ResourceCrud<v1::Client> crud_;
  HealthHistoryStore history_;
  ClientRights rights_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewClientService(const ApiContext& ctx) {
  return std::make_unique<ClientServiceImpl>(ctx);
}

}  // namespace fascia::api
