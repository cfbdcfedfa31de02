// Rich errors without gRPC: an absl::Status that carries a machine-readable
// reason (becomes google.rpc.ErrorInfo.reason) and, for bad input, one
// violation per bad field (becomes google.rpc.BadRequest). The API layer's
// status bridge (api/grpc_status.h) turns these payloads into gRPC details.
//
//   FieldViolations v;
//   if (req.name().empty()) v.Add("name", "is required");
//   RETURN_IF_ERROR(v.ToStatus());   // OK when nothing was added
//
//   return ReasonError(absl::StatusCode::kFailedPrecondition, "STAFF_BUSY",
//                      "the therapist already has an appointment then");
#ifndef FASCIA_COMMON_ERRORS_H_
#define FASCIA_COMMON_ERRORS_H_

#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace fascia {

struct FieldViolation {
  std::string field;        // dotted path in the request, e.g. "location.time_zone"
  std::string description;  // what is wrong, for a human
};

// Collects field violations while a request is validated.
class FieldViolations {
 public:
  void Add(std::string field, std::string description) {
    violations_.push_back({std::move(field), std::move(description)});
  }
  bool empty() const { return violations_.empty(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }
  // INVALID_ARGUMENT (reason INVALID_ARGUMENT) carrying every violation, or OK.
  absl::Status ToStatus() const;

 private:
  std::vector<FieldViolation> violations_;
};

// An error whose ErrorInfo reason is `reason` (UPPER_SNAKE).
absl::Status ReasonError(absl::StatusCode code, absl::string_view reason,
                         absl::string_view message);

// The reason attached by ReasonError / FieldViolations, or "" if none.
std::string ErrorReason(const absl::Status& status);
// The field violations attached by FieldViolations::ToStatus.
std::vector<FieldViolation> ErrorFieldViolations(const absl::Status& status);

}  // namespace fascia

#endif  // FASCIA_COMMON_ERRORS_H_
