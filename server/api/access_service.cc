// fascia.v1.AccessService: API keys (create once-shown secrets, list, revoke).
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "api/api_keys.h"
#include "api/field_checks.h"
#include "api/grpc_status.h"
#include "api/handle.h"
#include "api/page_token.h"
#include "api/reply.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "api/services.h"
#include "api/target.h"
#include "fascia/v1/access_service.grpc.pb.h"
#include "storage/api_key_repository.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

std::string Method(absl::string_view name) { return absl::StrCat("fascia.v1.AccessService/", name); }

absl::Status ValidateNewKey(const v1::CreateApiKeyRequest& r, absl::Time now) {
  FieldViolations v;
  bool parent_ok = CheckName(r.parent(), kOrganizationPattern, "parent", v);
  const v1::ApiKey& k = r.api_key();
  if (CheckRequired(k.display_name(), "api_key.display_name", v)) {
    CheckText(k.display_name(), kMaxShortText, "api_key.display_name", v);
  }
  const bool role_ok = k.role() != v1::ROLE_UNSPECIFIED && v1::Role_IsValid(k.role());
  if (!role_ok) v.Add("api_key.role", "must be one of OWNER, MANAGER, FRONT_DESK, THERAPIST, INTEGRATOR, AUDITOR");
  const bool scoped = role_ok && domain::IsLocationScoped(ToDomainRole(k.role()));
  if (scoped && k.locations().empty()) {
    v.Add("api_key.locations", "is required for this role (the locations in its scope)");
  }
  if (role_ok && !scoped && !k.locations().empty()) {
    v.Add("api_key.locations", "applies only to MANAGER, FRONT_DESK and INTEGRATOR keys");
  }
  for (int i = 0; i < k.locations_size(); ++i) {
    std::string field = absl::StrCat("api_key.locations[", i, "]");
    if (CheckName(k.locations(i), kLocationPattern, field, v) && parent_ok &&
        NamePrefix(k.locations(i), 2) != r.parent()) {
      v.Add(field, "must be a location of the key's organization");
    }
  }
  if (k.role() == v1::THERAPIST) {
    if (CheckName(k.staff_member(), kStaffPattern, "api_key.staff_member", v) && parent_ok &&
        NamePrefix(k.staff_member(), 2) != r.parent()) {
      v.Add("api_key.staff_member", "must be a staff member of the key's organization");
    }
  } else if (!k.staff_member().empty()) {
    v.Add("api_key.staff_member", "applies only to THERAPIST keys");
  }
  if (k.has_expire_time() && CheckTimestamp(k.expire_time(), "api_key.expire_time", v) &&
      ToTime(k.expire_time()) <= now) {
    v.Add("api_key.expire_time", "must be in the future");
  }
  return v.ToStatus();
}

class AccessServiceImpl final : public v1::AccessService::Service {
 public:
  explicit AccessServiceImpl(const ApiContext& ctx) : ctx_(ctx) {}

  grpc::Status CreateApiKey(grpc::ServerContext* context, const v1::CreateApiKeyRequest* r,
                            v1::CreateApiKeyResponse* out) override {
    return Handle(ctx_, context, Method("CreateApiKey"), *r, [&](Caller& caller) {
      absl::Time now = ctx_.clock();
      absl::Status valid = ValidateNewKey(*r, now);
      if (!valid.ok()) return ToGrpcStatus(valid);
      absl::Status allowed = caller.Authorize(TargetOf(r->parent()), r->parent());
      if (!allowed.ok()) return ToGrpcStatus(allowed);
      v1::ApiKey key = r->api_key();
      key.clear_create_time();
      key.clear_revoke_time();
      key.set_created_by(caller.principal().key);
      key.set_name(r->parent());  // InsertKey turns the parent into the key's name
      std::string token;
      absl::Status status = ctx_.db->Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
        for (int i = 0; i < key.locations_size(); ++i) {
          RETURN_IF_ERROR(CheckReference(c, "location", key.locations(i),
                                         absl::StrCat("api_key.locations[", i, "]")));
        }
        if (!key.staff_member().empty()) {
          RETURN_IF_ERROR(CheckReference(c, "staff", key.staff_member(), "api_key.staff_member"));
        }
        ASSIGN_OR_RETURN(token, InsertKey(c, key, now));
        return absl::OkStatus();
      });
      if (!status.ok()) return ToGrpcStatus(status);
      *out->mutable_api_key() = key;
      out->set_key(token);
      return grpc::Status::OK;
    });
  }

  grpc::Status GetApiKey(grpc::ServerContext* context, const v1::GetApiKeyRequest* r,
                         v1::ApiKey* out) override {
    return Handle(ctx_, context, Method("GetApiKey"), *r, [&](Caller& caller) {
      return Reply(Load(caller, r->name()), out);
    });
  }

  grpc::Status ListApiKeys(grpc::ServerContext* context, const v1::ListApiKeysRequest* r,
                           v1::ListApiKeysResponse* out) override {
    return Handle(ctx_, context, Method("ListApiKeys"), *r, [&](Caller& caller) {
      FieldViolations v;
      CheckName(r->parent(), kOrganizationPattern, "parent", v);
      if (!v.empty()) return ToGrpcStatus(v.ToStatus());
      auto size = ResolvePageSize(r->page_size(), 50, 1000);
      if (!size.ok()) return ToGrpcStatus(size.status());
      std::string fingerprint = absl::StrCat("keys|", r->parent(), "|", r->show_revoked());
      std::string after;
      if (!r->page_token().empty()) {
        auto cursor = DecodePageToken(r->page_token(), fingerprint);
        if (!cursor.ok()) return ToGrpcStatus(cursor.status());
        after = *cursor;
      }
      absl::Status allowed = caller.Authorize(TargetOf(r->parent()), r->parent());
      if (!allowed.ok()) return ToGrpcStatus(allowed);
      std::vector<storage::ApiKeyRow> rows;
      absl::Status status = ctx_.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
        ASSIGN_OR_RETURN(rows, storage::ApiKeyRepository().List(c, r->parent(), after, *size + 1,
                                                                r->show_revoked()));
        return absl::OkStatus();
      });
      if (!status.ok()) return ToGrpcStatus(status);
      for (int i = 0; i < static_cast<int>(rows.size()) && i < *size; ++i) {
        if (!out->add_api_keys()->ParseFromString(rows[i].data)) {
          return ToGrpcStatus(absl::DataLossError("stored API key cannot be parsed"));
        }
      }
      if (static_cast<int>(rows.size()) > *size) {
        out->set_next_page_token(EncodePageToken(fingerprint, rows[*size - 1].key_id));
      }
      return grpc::Status::OK;
    });
  }

  grpc::Status RevokeApiKey(grpc::ServerContext* context, const v1::RevokeApiKeyRequest* r,
                            v1::ApiKey* out) override {
    return Handle(ctx_, context, Method("RevokeApiKey"), *r, [&](Caller& caller) {
      FieldViolations v;
      CheckName(r->name(), kApiKeyPattern, "name", v);
      if (!v.empty()) return ToGrpcStatus(v.ToStatus());
      absl::Status allowed = caller.Authorize(TargetOf(r->name()), r->name());
      if (!allowed.ok()) return ToGrpcStatus(allowed);
      absl::Time now = ctx_.clock();
      absl::Status status = ctx_.db->Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
        ASSIGN_OR_RETURN(v1::ApiKey key, Read(c, r->name()));
        if (!key.has_revoke_time()) *key.mutable_revoke_time() = ToTimestamp(now);
        RETURN_IF_ERROR(storage::ApiKeyRepository().Revoke(c, KeyId(r->name()), key.SerializeAsString()));
        *out = key;
        return absl::OkStatus();
      });
      // After the commit, so no call can cache the key again as not revoked.
      if (status.ok() && ctx_.api_keys != nullptr) ctx_.api_keys->Forget(KeyId(r->name()));
      return ToGrpcStatus(status);
    });
  }

 private:
  static std::string KeyId(const std::string& name) { return name.substr(name.rfind('/') + 1); }

  // The key named `name`; NOT_FOUND unless it exists in that organization.
  static absl::StatusOr<v1::ApiKey> Read(storage::Connection& c, const std::string& name) {
    ASSIGN_OR_RETURN(auto row, storage::ApiKeyRepository().Get(c, KeyId(name)));
    if (!row || row->organization != NamePrefix(name, 2)) return NotFound("api key", name);
    v1::ApiKey key;
    if (!key.ParseFromString(row->data)) return absl::DataLossError("stored API key cannot be parsed");
    return key;
  }

  absl::StatusOr<v1::ApiKey> Load(Caller& caller, const std::string& name) {
    FieldViolations v;
    CheckName(name, kApiKeyPattern, "name", v);
    RETURN_IF_ERROR(v.ToStatus());
    RETURN_IF_ERROR(caller.Authorize(TargetOf(name), name));
    v1::ApiKey key;
    RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
      ASSIGN_OR_RETURN(key, Read(c, name));
      return absl::OkStatus();
    }));
    return key;
  }

  ApiContext ctx_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewAccessService(const ApiContext& ctx) {
  return std::make_unique<AccessServiceImpl>(ctx);
}

}  // namespace fascia::api
