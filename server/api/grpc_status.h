// The one bridge from absl::Status to grpc::Status.
//
// Every error leaves the server with google.rpc.Status details: an ErrorInfo
// (domain "fascia.dev", reason from common/errors.h or, if none was attached,
// the canonical code name such as "NOT_FOUND") and, when field violations
// were attached, a BadRequest with one violation per bad field. Codes map
// one to one (absl::StatusCode and grpc::StatusCode share their numbers).
#ifndef FASCIA_API_GRPC_STATUS_H_
#define FASCIA_API_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace fascia::api {

inline constexpr char kErrorDomain[] = "fascia.dev";

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace fascia::api

#endif  // FASCIA_API_GRPC_STATUS_H_
