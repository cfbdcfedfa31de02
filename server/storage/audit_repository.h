// SQL for the audit log: append to an organization's hash chain, read it
// back, and the chain heads. Every function runs inside the caller's
// transaction. Append is the only write; the schema refuses UPDATE and DELETE.
//
// The hash is computed by the caller (api/audit_log.h) so this file stays
// free of the chaining rule; Append only stores what it is given, after
// advancing the head so concurrent appenders serialize on it.
#ifndef FASCIA_STORAGE_AUDIT_REPOSITORY_H_
#define FASCIA_STORAGE_AUDIT_REPOSITORY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/database.h"

namespace fascia::storage {

struct AuditRow {
  std::string organization;
  int64_t sequence = 0;
  int64_t time_us = 0;
  std::string actor, actor_role, action, resource, client, peer, request_id, outcome;
  std::string previous_hash;
  std::string hash;
};

struct AuditQuery {
  std::string organization;
  std::string resource, actor, client, action, outcome;  // "" = any
  std::optional<int64_t> time_at_or_after_us, time_before_us;
  int64_t after_sequence = 0;
  int limit = 100;
};

class AuditRepository {
 public:
  // Reserves the next sequence number of `organization`'s chain (locking its
  // head until the transaction ends) and returns it with the previous hash.
  absl::StatusOr<std::pair<int64_t, std::string>> ReserveNext(Connection& c,
                                                              std::string_view organization) const;
  // Stores `row` (whose sequence came from ReserveNext) and moves the head.
  absl::Status Append(Connection& c, const AuditRow& row) const;
  absl::StatusOr<std::vector<AuditRow>> List(Connection& c, const AuditQuery& query) const;
  // The chain head (last sequence and hash), if the organization has events.
  absl::StatusOr<std::optional<std::pair<int64_t, std::string>>> Head(
      Connection& c, std::string_view organization) const;
};

}  // namespace fascia::storage

#endif  // FASCIA_STORAGE_AUDIT_REPOSITORY_H_
