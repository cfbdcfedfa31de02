// absl::Status -> grpc::Status with rich details; see grpc_status.h.
#include "api/grpc_status.h"

#include <string>

#include "common/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace fascia::api {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(std::string(status.message()));

  google::rpc::ErrorInfo info;
  std::string reason = ErrorReason(status);
  if (reason.empty()) reason = absl::StatusCodeToString(status.code());
  info.set_reason(reason);
  info.set_domain(kErrorDomain);
  details.add_details()->PackFrom(info);

  std::vector<FieldViolation> violations = ErrorFieldViolations(status);
  if (!violations.empty()) {
    google::rpc::BadRequest bad_request;
    for (const FieldViolation& v : violations) {
      auto* out = bad_request.add_field_violations();
      out->set_field(v.field);
      out->set_description(v.description);
    }
    details.add_details()->PackFrom(bad_request);
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()), details.SerializeAsString());
}

}  // namespace fascia::api
