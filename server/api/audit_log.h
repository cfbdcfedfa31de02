// The tamper-evident audit log: appending an event to an organization's hash
// chain, and verifying the chain.
//
// hash(n) = hex SHA-256 of a length-prefixed encoding of every field of event
// n (organization, sequence, time, actor, role, action, resource, client,
// peer, request id, outcome) followed by hash(n-1) ("" for the first). Editing
// any field, deleting or reordering events, or truncating the log (the chain
// head records the last sequence and hash) fails verification.
#ifndef FASCIA_API_AUDIT_LOG_H_
#define FASCIA_API_AUDIT_LOG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/audit_repository.h"
#include "storage/database.h"

namespace fascia::api {

struct AuditRecord {
  std::string organization;  // the chain it belongs to
  absl::Time time;
  std::string actor, actor_role, action, resource, client, peer, request_id, outcome;
};

// Appends inside the caller's write transaction.
absl::Status AppendAudit(storage::Connection& c, const AuditRecord& record);

std::string ChainHash(const storage::AuditRow& row);

struct ChainVerification {
  bool intact = true;
  int64_t events_checked = 0;
  int64_t first_bad_sequence = 0;
  std::string detail;
};

ChainVerification VerifyChainRows(const std::vector<storage::AuditRow>& rows_in_order,
                                  const std::optional<std::pair<int64_t, std::string>>& head);

absl::StatusOr<ChainVerification> VerifyChain(storage::Database& db, const std::string& organization);

}  // namespace fascia::api

#endif  // FASCIA_API_AUDIT_LOG_H_
