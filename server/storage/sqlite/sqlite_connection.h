// One SQLite connection of the SQLite driver: statement cache, parameter
// binding, deadline enforcement and error mapping. The pool and the writer
// queue live in sqlite_database.cc.
//
// Deadlines: a progress handler interrupts a running statement once the
// transaction's deadline has passed, and the busy handler stops waiting for
// another process's lock at the same deadline; both surface as
// DEADLINE_EXCEEDED. COMMIT and ROLLBACK are never interrupted: a commit that
// has started is allowed to finish.
//
// Thread-safety: none; used by one thread at a time (the pool hands it out).
#ifndef FASCIA_STORAGE_SQLITE_SQLITE_CONNECTION_H_
#define FASCIA_STORAGE_SQLITE_SQLITE_CONNECTION_H_

#include <sqlite3.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/database.h"
#include "storage/internal/driver.h"

namespace fascia::storage::sqlite_internal {

class SqliteConnection final : public internal::DriverConnection {
 public:
  // Makes busy waits and statements on this connection stop as soon as
  // `*closing` is true. REQUIRES: `closing` outlives the connection.
  void set_closing_flag(const std::atomic<bool>* closing) { closing_ = closing; }

  // `writer` false makes the connection query_only (a reader).
  static absl::StatusOr<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                                bool writer,
                                                                const DatabaseOptions& options);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  absl::StatusOr<Rows> Query(std::string_view sql, const std::vector<Value>& params) override;
  absl::StatusOr<int64_t> Execute(std::string_view sql, const std::vector<Value>& params) override;
  // Streams: one Row is refilled for every result row.
  absl::Status ForEachRow(std::string_view sql, const std::vector<Value>& params,
                          const std::function<absl::Status(const Row&)>& on_row) override;
  absl::Status ExecScript(std::string_view sql) override;

  // BEGIN IMMEDIATE (writer) or BEGIN DEFERRED (reader), arming `deadline`.
  absl::Status Begin(absl::Time deadline);
  // The first statement error since Begin, or OK.
  const absl::Status& first_error() const { return first_error_; }
  absl::Status Commit();
  // Rolls back if a transaction is open; errors are logged, not returned.
  void Rollback();

  // Group commit (sqlite_database.cc runs several callers' transactions in
  // one SQLite transaction, each inside a savepoint):
  absl::Status Savepoint();
  absl::Status ReleaseSavepoint();
  // Undoes everything since Savepoint() and forgets the statement error that
  // caused it, so the next caller's work starts clean.
  absl::Status RollbackToSavepoint();
  // False when SQLite has rolled the whole transaction back on its own
  // (an interrupt or I/O error during a write does that).
  bool InTransaction() const;

 private:
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    int max_param = 0;
  };

  SqliteConnection(sqlite3* db, bool writer) : db_(db), writer_(writer) {}
  static int OnProgress(void* self);
  static int OnBusy(void* self, int attempts);

  // Steps `sql` to completion, handing each row to `on_row` if non-null. The
  // row is refilled in place for the next one unless `on_row` moved it away.
  absl::Status Run(std::string_view sql, const std::vector<Value>& params,
                   const std::function<absl::Status(Row&)>* on_row);
  absl::StatusOr<CachedStatement> Prepare(std::string_view sql);
  absl::Status Bind(sqlite3_stmt* stmt, const std::vector<Value>& params);
  absl::Status ExecControl(const char* sql);
  // Maps the connection's current error; `sql` is for the log only.
  absl::Status MapError(int rc, std::string_view sql);
  std::string UniqueConstraintName(absl::string_view message);
  absl::Status Remember(absl::Status status);

  sqlite3* const db_;
  const bool writer_;
  // The owning database's "closed" flag: once set, busy waits and running
  // statements give up at once (shutdown past its grace period).
  const std::atomic<bool>* closing_ = nullptr;
  absl::Time deadline_ = absl::InfiniteFuture();
  bool deadline_armed_ = false;
  absl::Status first_error_;
  absl::flat_hash_map<std::string, CachedStatement> cache_;
};

}  // namespace fascia::storage::sqlite_internal

#endif  // FASCIA_STORAGE_SQLITE_SQLITE_CONNECTION_H_
