// Audit-in-the-same-transaction decorator; see auditing_database.h.
#include "api/auditing_database.h"

#include "api/caller.h"
#include "common/status_macros.h"

namespace fascia::api {
namespace {

absl::Status CallerGone() {
  return absl::CancelledError("the call was cancelled or timed out; nothing was changed");
}

}  // namespace

absl::Status AuditingDatabase::Transact(
    storage::TxMode mode, const std::function<absl::Status(storage::Connection&)>& fn) {
  Caller* caller = Caller::Current();
  if (mode != storage::TxMode::kWrite || caller == nullptr) return inner_->Transact(mode, fn);
  // Checked before the write queues and again last inside it, so a write
  // whose caller timed out while it waited for the writer rolls back.
  if (caller->past_deadline()) return CallerGone();
  bool appended = false;
  absl::Status status = inner_->Transact(mode, [&](storage::Connection& c) -> absl::Status {
    appended = false;
    RETURN_IF_ERROR(fn(c));
    if (caller->past_deadline()) return CallerGone();
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
