// Shared checks of ClientRecordStore; see client_record_crud.h.
#include "api/client_record_crud.h"

#include <google/protobuf/descriptor.h>

namespace fascia::api {

absl::Status CheckClientWritable(storage::Connection& c, const std::string& client) {
  ASSIGN_OR_RETURN(auto row, storage::ResourceRepository("client").Get(c, client));
  if (!row) return NotFound("client", client);
  fascia::v1::Client stored;
  if (!stored.ParseFromString(row->data)) return absl::DataLossError("stored client cannot be parsed");
  if (stored.has_erase_time()) {
    // Whatever the retention period, an erased client's record is kept, not
    // added to: new consents or notes would be data held without need.
    return ReasonError(absl::StatusCode::kFailedPrecondition, "RECORD_RESTRICTED",
                       "this client's data was erased on request; the record cannot be changed");
  }
  if (row->deleted) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "RESOURCE_DELETED",
                       absl::StrCat("client \"", client, "\" is deleted"));
  }
  return absl::OkStatus();
}

absl::Status CheckEtag(const std::string& etag, int64_t revision, absl::string_view what) {
  if (etag.empty() || etag == std::to_string(revision)) return absl::OkStatus();
  return ReasonError(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                     absl::StrCat("etag \"", absl::string_view(etag).substr(0, 40), "\" is stale; the ",
                                  what, " has changed: read it again"));
}

absl::Status ConcurrentModification(absl::string_view name) {
  return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                     absl::StrCat("\"", name, "\" was changed concurrently: read it again"));
}

void SetTimeField(google::protobuf::Message& message, absl::string_view field, absl::Time when) {
  const auto* f = message.GetDescriptor()->FindFieldByName(std::string(field));
  if (f == nullptr || f->message_type() == nullptr ||
      f->message_type() != google::protobuf::Timestamp::descriptor()) {
    return;
  }
  message.GetReflection()->MutableMessage(&message, f)->CopyFrom(ToTimestamp(when));
}

}  // namespace fascia::api
