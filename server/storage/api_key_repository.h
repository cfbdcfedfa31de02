// SQL for API keys. Secrets are never stored: only their SHA-256 hash.
// Every function runs inside the caller's transaction.
#ifndef FASCIA_STORAGE_API_KEY_REPOSITORY_H_
#define FASCIA_STORAGE_API_KEY_REPOSITORY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/database.h"

namespace fascia::storage {

struct ApiKeyRow {
  std::string key_id;
  std::string organization;
  std::string secret_hash;  // hex SHA-256
  bool revoked = false;
  std::optional<absl::Time> expire_time;
  absl::Time create_time;
  std::string data;  // serialized fascia.v1.ApiKey
};

class ApiKeyRepository {
 public:
  absl::StatusOr<std::optional<ApiKeyRow>> Get(Connection& c, std::string_view key_id) const;
  // Keys of `organization` ordered by id, after `after_key_id`.
  absl::StatusOr<std::vector<ApiKeyRow>> List(Connection& c, std::string_view organization,
                                              std::string_view after_key_id, int limit,
                                              bool include_revoked) const;
  absl::Status Insert(Connection& c, const ApiKeyRow& row) const;
  // Marks revoked and stores the updated message.
  absl::Status Revoke(Connection& c, std::string_view key_id, const std::string& data) const;
};

}  // namespace fascia::storage

#endif  // FASCIA_STORAGE_API_KEY_REPOSITORY_H_
