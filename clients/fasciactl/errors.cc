// See errors.h.
#include "errors.h"

#include <map>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace fasciactl {

std::string StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "CODE_" + std::to_string(static_cast<int>(code));
  }
}

int ExitCodeFor(grpc::StatusCode code) {
  if (code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return kExitUnavailable;
  }
  return code == grpc::StatusCode::OK ? kExitOk : kExitServerError;
}

int ReportRpcError(const grpc::Status& status, std::ostream& err) {
  err << "Error: " << StatusCodeName(status.error_code()) << ": " << status.error_message() << "\n";
  google::rpc::Status details;
  // The trailer is optional (a proxy, or a connection failure, has none); a
  // malformed one is ignored rather than hiding the code and message above.
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const google::protobuf::Any& any : details.details()) {
      google::rpc::ErrorInfo info;
      google::rpc::BadRequest bad_request;
      if (any.Is<google::rpc::ErrorInfo>() && any.UnpackTo(&info)) {
        err << "  reason: " << info.reason();
        if (!info.domain().empty()) err << " (" << info.domain() << ")";
        err << "\n";
        // Sorted so the output is stable between runs (protobuf maps are not).
        std::map<std::string, std::string> metadata(info.metadata().begin(), info.metadata().end());
        for (const auto& [key, value] : metadata) err << "  " << key << ": " << value << "\n";
      } else if (any.Is<google::rpc::BadRequest>() && any.UnpackTo(&bad_request)) {
        for (const auto& violation : bad_request.field_violations()) {
          err << "  " << violation.field() << ": " << violation.description() << "\n";
        }
      } else {
        err << "  detail: " << any.type_url() << "\n";
      }
    }
  }
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    err << "  (is fasciad running and is --server right? See 'fasciactl config view'.)\n";
  }
  return ExitCodeFor(status.error_code());
}

}  // namespace fasciactl
