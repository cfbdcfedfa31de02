// A client's health history: the singleton resource
// organizations/{org}/clients/{client}/healthHistory. It always exists (an
// empty history until first written); Update takes an update_mask and an
// optional etag, and creates the stored row on first write.
#ifndef FASCIA_API_HEALTH_HISTORY_H_
#define FASCIA_API_HEALTH_HISTORY_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "api/services.h"
#include "fascia/v1/records.pb.h"
#include "google/protobuf/field_mask.pb.h"

namespace fascia::api {

inline constexpr char kHealthHistoryPattern[] = "organizations/*/clients/*/healthHistory";

class HealthHistoryStore {
 public:
  explicit HealthHistoryStore(const ApiContext& ctx) : ctx_(ctx) {}

  absl::StatusOr<fascia::v1::HealthHistory> Get(Caller& caller, const std::string& name);
  absl::StatusOr<fascia::v1::HealthHistory> Update(Caller& caller,
                                                   const fascia::v1::HealthHistory& patch,
                                                   const google::protobuf::FieldMask& mask);
  // For export: the stored history, or an empty one. Inside a transaction.
  static absl::StatusOr<fascia::v1::HealthHistory> Read(storage::Connection& c,
                                                        const std::string& client);

 private:
  ApiContext ctx_;
};

}  // namespace fascia::api

#endif  // FASCIA_API_HEALTH_HISTORY_H_
