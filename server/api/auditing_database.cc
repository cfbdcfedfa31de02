// Audit-in-the-same-transaction decorator; see auditing_database.h.
#include "api/auditing_database.h"

#include "api/caller.h"
#include "common/status_macros.h"

namespace fascia::api {

absl::Status AuditingDatabase::Transact(
    storage::TxMode mode, const std::function<absl::Status(storage::Connection&)>& fn) {
  Caller* caller = Caller::Current();
  if (mode != storage::TxMode::kWrite || caller == nullptr) return inner_->Transact(mode, fn);
  bool appended = false;
  absl::Status status = inner_->Transact(mode, [&](storage::Connection& c) -> absl::Status {
    appended = false;
    RETURN_IF_ERROR(fn(c));
    if (caller->audit_pending()) {
      RETURN_IF_ERROR(AppendAudit(c, caller->AuditWithOutcome("OK")));
      appended = true;
    }
    return absl::OkStatus();
  });
  if (status.ok() && appended) caller->MarkAuditWritten();
  return status;
}

absl::Status AuditingDatabase::AppendStandalone(const AuditRecord& record) {
  return inner_->Transact(storage::TxMode::kWrite,
                          [&](storage::Connection& c) { return AppendAudit(c, record); });
}

}  // namespace fascia::api
