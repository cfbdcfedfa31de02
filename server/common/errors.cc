// Status payload encoding for reasons and field violations; see errors.h.
#include "common/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace fascia {
namespace {

constexpr char kReasonUrl[] = "type.fascia.dev/reason";
constexpr char kViolationsUrl[] = "type.fascia.dev/field_violations";
// ASCII unit and record separators cannot appear in field paths, and
// descriptions are ours, so they frame the violations unambiguously.
constexpr char kUnit = '\x1f';
constexpr char kRecord = '\x1e';

}  // namespace

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  std::string message = "invalid request: ";
  std::string encoded;
  for (size_t i = 0; i < violations_.size(); ++i) {
    const FieldViolation& v = violations_[i];
    if (i > 0) message += "; ";
    message += v.field + " " + v.description;
    encoded += v.field;
    encoded.push_back(kUnit);
    encoded += v.description;
    encoded.push_back(kRecord);
  }
  absl::Status status = ReasonError(absl::StatusCode::kInvalidArgument, "INVALID_ARGUMENT", message);
  status.SetPayload(kViolationsUrl, absl::Cord(encoded));
  return status;
}

absl::Status ReasonError(absl::StatusCode code, absl::string_view reason,
                         absl::string_view message) {
  absl::Status status(code, message);
  status.SetPayload(kReasonUrl, absl::Cord(reason));
  return status;
}

std::string ErrorReason(const absl::Status& status) {
  auto payload = status.GetPayload(kReasonUrl);
  return payload ? std::string(*payload) : std::string();
}

std::vector<FieldViolation> ErrorFieldViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kViolationsUrl);
  if (!payload) return out;
  std::string encoded(*payload);
  for (absl::string_view record : absl::StrSplit(encoded, kRecord, absl::SkipEmpty())) {
    std::pair<std::string, std::string> parts = absl::StrSplit(record, absl::MaxSplits(kUnit, 1));
    out.push_back({parts.first, parts.second});
  }
  return out;
}

}  // namespace fascia
