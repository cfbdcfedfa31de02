// A Database decorator that writes the current call's audit event inside the
// call's write transaction, so a change and its audit record commit or roll
// back together ("nothing is lost or half-written").
//
// It also refuses to start, or to commit, a write transaction for a call
// past its deadline, so nothing commits after the client was told the call
// failed (shutdown closes the database itself once its grace ends). Reads
// are not checked: a read for a departed client changes nothing.
//
// Every other operation is forwarded. Outside an RPC (no Caller::Current())
// it behaves exactly like the wrapped database.
#ifndef FASCIA_API_AUDITING_DATABASE_H_
#define FASCIA_API_AUDITING_DATABASE_H_

#include <memory>

#include "api/audit_log.h"
#include "storage/database.h"

namespace fascia::api {

class AuditingDatabase : public storage::Database {
 public:
  explicit AuditingDatabase(std::unique_ptr<storage::Database> inner) : inner_(std::move(inner)) {}

  storage::Engine engine() const override { return inner_->engine(); }
  absl::Status Transact(storage::TxMode mode,
                        const std::function<absl::Status(storage::Connection&)>& fn) override;
  absl::Status Migrate() override { return inner_->Migrate(); }
  void Close() override { inner_->Close(); }

  // Appends one record in a transaction of its own (reads, failed calls).
  absl::Status AppendStandalone(const AuditRecord& record);

  storage::Database& inner() { return *inner_; }

 private:
  std::unique_ptr<storage::Database> inner_;
};

}  // namespace fascia::api

#endif  // FASCIA_API_AUDITING_DATABASE_H_
