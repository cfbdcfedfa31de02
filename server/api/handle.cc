// The authenticate / authorize / audit frame; see handle.h.
#include "api/handle.h"

#include "absl/status/status.h"
#include "api/api_keys.h"
#include "api/auditing_database.h"
#include "api/grpc_status.h"
#include "common/errors.h"
#include "common/log.h"

namespace fascia::api {
namespace {

std::string Metadata(const grpc::ServerContext& ctx, absl::string_view key) {
  auto it = ctx.client_metadata().find(grpc::string_ref(key.data(), key.size()));
  if (it == ctx.client_metadata().end()) return "";
  return std::string(it->second.data(), it->second.size());
}

// The request's own request_id field if it has one, else the x-request-id header.
std::string RequestId(const grpc::ServerContext& ctx, const google::protobuf::Message& request) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (field != nullptr && field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
    std::string value = request.GetReflection()->GetString(request, field);
    if (!value.empty()) return value.substr(0, 64);
  }
  return Metadata(ctx, "x-request-id").substr(0, 64);
}

}  // namespace

grpc::Status Handle(const ApiContext& ctx, grpc::ServerContext* server_context,
                    absl::string_view method, const google::protobuf::Message& request,
                    const std::function<grpc::Status(Caller&)>& body) {
  const MethodPolicy* policy = FindMethodPolicy(method);
  if (policy == nullptr) {
    return ToGrpcStatus(absl::InternalError("this method has no access policy"));
  }
  const absl::Time now = ctx.clock();
  auto principal = Authenticate(*ctx.db, ctx.api_keys, Metadata(*server_context, "authorization"), now);
  if (!principal.ok()) {
    // Who failed is unknown, so there is no organization log to write to;
    // the RPC log line records the attempt (never the key).
    return ToGrpcStatus(principal.status());
  }
  AuditRecord audit;
  audit.time = now;
  audit.action = std::string(method);
  audit.peer = server_context->peer();
  audit.request_id = RequestId(*server_context, request);
  Caller caller(std::move(*principal), *policy, std::move(audit));
  caller.set_deadline(absl::FromChrono(server_context->deadline()));

  grpc::Status status = body(caller);
  if (status.ok() && !caller.authorized()) {
    Log(LogLevel::kError, "handler_skipped_authorization", {{"method", method}});
    status = ToGrpcStatus(absl::InternalError("internal error"));
  }
  const bool denied = status.error_code() == grpc::StatusCode::PERMISSION_DENIED;
  if (caller.targeted() && !caller.audit_written() && (caller.audited() || denied)) {
    std::string outcome = status.ok() ? "OK"
                                      : absl::StatusCodeToString(
                                            static_cast<absl::StatusCode>(status.error_code()));
    absl::Status written = ctx.audit->AppendStandalone(caller.AuditWithOutcome(outcome));
    if (!written.ok()) {
      // An access that cannot be recorded must not be served.
      Log(LogLevel::kError, "audit_write_failed", {{"method", method}, {"error", written.message()}});
      return ToGrpcStatus(absl::UnavailableError("the audit log cannot be written; try again"));
    }
  }
  return status;
}

}  // namespace fascia::api
